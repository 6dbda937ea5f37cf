package dev.tocsin.sip;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.jboss.logging.Logger;

/**
 * JAIN-SIP's stack and message logs routed to JBoss Logging. The stack's defaults need log4j 1,
 * which Tocsin does not ship, and write debug files into the working directory. Message traces
 * go out at TRACE only: they carry Authorization headers.
 */
public final class JainSipLogger implements StackLogger, ServerLogger {
    private static final Logger LOG = Logger.getLogger("dev.tocsin.sip.jainsip");

    public JainSipLogger() {}

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int level) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable t) {
        LOG.debug("JAIN-SIP exception", t);
    }

    @Override
    public void logDebug(String message) {
        LOG.trace(message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        LOG.trace(message, e);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.debug(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_FATAL) return true;
        // The stack reports routine network trouble (an unreachable target) as errors: the
        // page's outcome already says so, hence debug.
        if (level <= TRACE_INFO) return LOG.isDebugEnabled();
        return LOG.isTraceEnabled();
    }

    @Override
    public void logError(String message, Exception e) {
        LOG.debug(message, e);
    }

    @Override
    public void logWarning(String message) {
        LOG.debug(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {}

    @Override
    public void enableLogging() {}

    @Override
    public void setBuildTimeStamp(String stamp) {}

    @Override
    public void setStackProperties(Properties properties) {}

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    @Override
    public void closeLogFile() {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isTraceEnabled()) LOG.tracef("%s -> %s%n%s", from, to, message.encode());
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0);
    }

    @Override
    public void logException(Exception e) {
        LOG.debug("JAIN-SIP exception", e);
    }

    @Override
    public void setSipStack(SipStack stack) {}
}
