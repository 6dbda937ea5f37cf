package dev.tocsin.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one JAIN-SIP stack and UDP provider that all pages share. It only routes: stack events
 * go to the {@link PageCall} with the same Call-ID, which handles them on its own thread.
 */
final class SipEndpoint implements SipListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SipEndpoint.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    final SipSettings settings;
    final InetAddress bindAddress;
    final int port;
    final AddressFactory addresses = new AddressFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final MessageFactory messages = new MessageFactoryImpl();
    final RtpPorts rtpPorts;
    private final SipStackImpl stack;
    private final ListeningPoint listeningPoint;
    final SipProvider provider;
    private final ConcurrentMap<String, PageCall> calls = new ConcurrentHashMap<>();

    private SipEndpoint(SipSettings settings) throws Exception {
        this.settings = settings;
        this.bindAddress = bindAddress(settings.advertisedHost());
        this.port = settings.localPort() != 0 ? settings.localPort() : freeUdpPort(bindAddress);
        this.rtpPorts = new RtpPorts(settings.rtpPortMin(), settings.rtpPortMax());
        checkLoggerVisible();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tocsin-sip-" + STACKS.incrementAndGet());
        // Logging into JBoss Logging, never log4j or debug files in the working directory.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // Many pages at once: events are handed over without holding the stack's locks.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        this.stack = new SipStackImpl(p);
        try {
            this.listeningPoint = stack.createListeningPoint(bindAddress.getHostAddress(), port, ListeningPoint.UDP);
            if (bindAddress.isAnyLocalAddress()) {
                listeningPoint.setSentBy(settings.advertisedHost() + ":" + port);
            }
            this.provider = stack.createSipProvider(listeningPoint);
            provider.addSipListener(this);
            stack.start();
        } catch (Exception e) {
            stack.stop();
            throw e;
        }
        LOG.infof(
                "SIP paging stack on udp %s:%d (advertised %s)",
                bindAddress.getHostAddress(), port, settings.advertisedHost());
    }

    /**
     * JAIN-SIP instantiates its logger by name through its own class loader. The packaged jar has
     * one loader; Quarkus dev and test mode put libraries in a parent loader unless the artifact
     * is reloadable, and the stack would fail with a confusing message.
     */
    private static void checkLoggerVisible() {
        try {
            Class.forName(JainSipLogger.class.getName(), false, SipStackImpl.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JAIN-SIP cannot see dev.tocsin.sip.JainSipLogger from its class loader;"
                    + " run with -Dquarkus.class-loading.reloadable-artifacts=javax.sip:jain-sip-ri (docs/SIP.md)");
        }
    }

    static SipEndpoint start(SipSettings settings) throws Exception {
        return new SipEndpoint(settings);
    }

    /** The advertised address when it is one of ours, else every interface (behind NAT). */
    static InetAddress bindAddress(String advertisedHost) {
        try {
            InetAddress a = InetAddress.getByName(advertisedHost);
            if (a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null) return a;
        } catch (Exception e) {
            // fall through to the wildcard address
        }
        return new InetSocketAddress(0).getAddress();
    }

    private static int freeUdpPort(InetAddress bind) throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            return s.getLocalPort();
        }
    }

    void register(String callId, PageCall call) {
        calls.put(callId, call);
    }

    void unregister(String callId) {
        calls.remove(callId);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        PageCall call = calls.get(callId(event.getResponse().getHeader(CallIdHeader.NAME)));
        if (call != null) call.offer(event);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) return;
        PageCall call = calls.get(callId(request.getHeader(CallIdHeader.NAME)));
        int status;
        if (Request.BYE.equals(method)) {
            status = call != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
        } else if (Request.OPTIONS.equals(method)) {
            status = Response.OK;
        } else if (Request.INVITE.equals(method)) {
            // Tocsin only calls out; a re-INVITE or an incoming call is declined.
            status = call != null ? Response.NOT_ACCEPTABLE_HERE : Response.BUSY_HERE;
        } else {
            status = Response.NOT_IMPLEMENTED;
        }
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) st = provider.getNewServerTransaction(request);
            st.sendResponse(messages.createResponse(status, request));
        } catch (Exception e) {
            LOG.debugf("could not answer %s: %s", method, e.toString());
        }
        if (call != null && Request.BYE.equals(method)) call.remoteHangup();
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Request r = event.isServerTransaction()
                ? event.getServerTransaction().getRequest()
                : event.getClientTransaction().getRequest();
        PageCall call = calls.get(callId(r.getHeader(CallIdHeader.NAME)));
        if (call != null) call.offer(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // No Call-ID here: every call to that address hears about it.
        for (PageCall call : calls.values()) {
            if (call.isTo(event.getHost(), event.getPort())) call.offer(event);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    private static String callId(Object header) {
        return header instanceof CallIdHeader h ? h.getCallId() : "";
    }

    @Override
    public void close() {
        try {
            provider.removeSipListener(this);
            stack.deleteSipProvider(provider);
            stack.deleteListeningPoint(listeningPoint);
        } catch (Exception e) {
            LOG.debugf("SIP stack shutdown: %s", e.toString());
        }
        stack.stop();
    }
}
