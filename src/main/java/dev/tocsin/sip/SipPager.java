package dev.tocsin.sip;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Pages SIP terminals (speakers, paging gateways) and multicast groups with a programme as
 * G.711 RTP. The SIP stack starts on the first page, so an instance that never pages binds no
 * port.
 */
@ApplicationScoped
public class SipPager {
    private static final Logger LOG = Logger.getLogger(SipPager.class);

    private final SipSettings settings;
    private SipEndpoint endpoint;

    @Inject
    public SipPager(SipConfig config) {
        this(SipSettings.of(config));
    }

    /** For the CDI client proxy only. */
    protected SipPager() {
        this.settings = null;
    }

    SipPager(SipSettings settings) {
        this.settings = settings;
    }

    /** Builds the bean at boot so a bad tocsin.sip.* setting stops the start, not the first alert. */
    void validateAtBoot(@Observes StartupEvent event) {
        LOG.debugf(
                "SIP paging configured: udp %d, RTP %d-%d",
                settings.localPort(), settings.rtpPortMin(), settings.rtpPortMax());
    }

    /**
     * Calls the target, streams the whole programme in real time once answered, hangs up. Never
     * throws for a failed call: the result says what happened.
     */
    public PageResult page(SipTarget target, short[] pcm, int sampleRate) {
        return page(target, pcm, sampleRate, () -> false);
    }

    /**
     * As {@link #page(SipTarget, short[], int)}, and ends the page early once {@code stop} says so
     * (checked every 20 ms): CANCEL while ringing, BYE mid-programme; the outcome is STOPPED.
     */
    public PageResult page(SipTarget target, short[] pcm, int sampleRate, BooleanSupplier stop) {
        Instant started = Instant.now();
        if (target == null || pcm == null || sampleRate <= 0) {
            return new PageResult(PageOutcome.FAILED, 0, "no target or programme", null, null, null, started, 0, null);
        }
        SipEndpoint sip;
        try {
            sip = endpoint();
        } catch (Exception e) {
            LOG.warnf("SIP stack could not start: %s", e.toString());
            return new PageResult(
                    PageOutcome.FAILED,
                    0,
                    "SIP stack could not start: " + e.getMessage(),
                    null,
                    null,
                    null,
                    Instant.now(),
                    0,
                    null);
        }
        PageResult r = new PageCall(sip, target, Resampler.resample(pcm, sampleRate, 8000), stop).run();
        LOG.infof(
                "page %s: %s %s (%d packets)",
                SipTarget.redacted(target.uri()), r.outcome(), r.reason(), r.packetsSent());
        return r;
    }

    /**
     * Asks the target for its capabilities (SIP OPTIONS) without ringing it: COMPLETED with the
     * status when anything answered, UNREACHABLE when nothing did. A health check between pages.
     */
    public PageResult probe(SipTarget target) {
        SipEndpoint sip;
        try {
            sip = endpoint();
        } catch (Exception e) {
            return new PageResult(
                    PageOutcome.FAILED,
                    0,
                    "SIP stack could not start: " + e.getMessage(),
                    null,
                    null,
                    null,
                    Instant.now(),
                    0,
                    null);
        }
        PageResult r = new PageCall(sip, target, new short[0], () -> false).probe();
        LOG.debugf("probe %s: %s %s", SipTarget.redacted(target.uri()), r.outcome(), r.reason());
        return r;
    }

    /** Streams the programme as RTP to a multicast group; no signalling. */
    public PageResult multicast(InetSocketAddress group, int ttl, String codec, short[] pcm, int sampleRate) {
        return multicast(group, ttl, codec, pcm, sampleRate, () -> false);
    }

    /** As above, ending the stream early (STOPPED) once {@code stop} says so. */
    public PageResult multicast(
            InetSocketAddress group, int ttl, String codec, short[] pcm, int sampleRate, BooleanSupplier stop) {
        Instant started = Instant.now();
        Codec c;
        try {
            c = Codec.byName(codec);
            if (group == null
                    || group.getAddress() == null
                    || !group.getAddress().isMulticastAddress()) {
                throw new IllegalArgumentException("not a multicast group: " + group);
            }
            if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("ttl must be 0-255: " + ttl);
            if (pcm == null || sampleRate <= 0) throw new IllegalArgumentException("no programme");
        } catch (IllegalArgumentException e) {
            return new PageResult(PageOutcome.FAILED, 0, e.getMessage(), null, null, null, started, 0, codec);
        }
        short[] pcm8k = Resampler.resample(pcm, sampleRate, 8000);
        InetAddress bind = SipEndpoint.bindAddress(settings.advertisedHost());
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.bind(new InetSocketAddress(bind, 0));
            socket.setTimeToLive(ttl);
            // Out of the interface that holds the advertised address, not the default route.
            NetworkInterface nif = bind.isAnyLocalAddress() ? null : NetworkInterface.getByInetAddress(bind);
            if (nif != null) socket.setNetworkInterface(nif);
            RtpSender.Sent sent = RtpSender.stream(socket, group, c, pcm8k, stop);
            return new PageResult(
                    sent.stopped() ? PageOutcome.STOPPED : PageOutcome.COMPLETED,
                    0,
                    (sent.stopped() ? "stopped after " : "sent ") + sent.packets() + " packets to " + group,
                    started,
                    null,
                    sent.firstAt(),
                    Instant.now(),
                    sent.packets(),
                    c.name());
        } catch (Exception e) {
            LOG.warnf("multicast to %s failed: %s", group, e.toString());
            return new PageResult(
                    PageOutcome.FAILED, 0, "multicast failed: " + e, started, null, null, Instant.now(), 0, c.name());
        }
    }

    private synchronized SipEndpoint endpoint() throws Exception {
        if (endpoint == null) endpoint = SipEndpoint.start(settings);
        return endpoint;
    }

    @PreDestroy
    synchronized void stop() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** The UDP port the stack listens on, or -1 before the first page. */
    synchronized int sipPort() {
        return endpoint == null ? -1 : endpoint.port;
    }
}
