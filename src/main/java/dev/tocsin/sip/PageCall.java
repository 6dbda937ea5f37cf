package dev.tocsin.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/** One outgoing page: INVITE, ring, stream, BYE, on the caller's thread. */
final class PageCall {
    private static final Logger LOG = Logger.getLogger(PageCall.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long POLL_MILLIS = 50;
    private static final long BYE_WAIT_NANOS = 5_000_000_000L;
    private static final long CANCEL_WAIT_NANOS = 5_000_000_000L;

    private final SipEndpoint sip;
    private final SipTarget target;
    private final short[] pcm8k;
    private final BooleanSupplier stop;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile boolean remoteHangup;
    private volatile InetSocketAddress remote;

    private Instant invitedAt;
    private Instant answeredAt;
    private Instant firstRtpAt;
    private int packets;
    private String codecName;

    PageCall(SipEndpoint sip, SipTarget target, short[] pcm8k, BooleanSupplier stop) {
        this.sip = sip;
        this.target = target;
        this.pcm8k = pcm8k;
        this.stop = stop;
    }

    void offer(Object event) {
        events.add(event);
    }

    void remoteHangup() {
        remoteHangup = true;
        events.add(Boolean.TRUE);
    }

    boolean isTo(String host, int port) {
        InetSocketAddress r = remote;
        return r != null
                && r.getPort() == port
                && r.getAddress().getHostAddress().equals(host);
    }

    private record Ended(PageOutcome outcome, int status, String reason) {}

    PageResult run() {
        return run(false);
    }

    /** Sends OPTIONS instead of INVITE: any final answer means the terminal's SIP stack is up. */
    PageResult probe() {
        return run(true);
    }

    private PageResult run(boolean probeOnly) {
        Ended e;
        String callId = null;
        try (DatagramSocket rtp = sip.rtpPorts.open(sip.bindAddress)) {
            URI parsed;
            try {
                parsed = sip.addresses.createURI(target.uri());
            } catch (Exception ex) {
                return result(new Ended(PageOutcome.FAILED, 0, "bad SIP URI: " + ex.getMessage()));
            }
            if (!(parsed instanceof SipURI uri) || uri.isSecure()) {
                return result(new Ended(PageOutcome.FAILED, 0, "only sip: URIs over UDP are supported"));
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(uri.getHost());
            } catch (UnknownHostException ex) {
                return result(new Ended(PageOutcome.UNREACHABLE, 0, "DNS: cannot resolve " + uri.getHost()));
            }
            remote = new InetSocketAddress(address, uri.getPort() > 0 ? uri.getPort() : 5060);
            callId = sip.provider.getNewCallId().getCallId();
            sip.register(callId, this);
            e = probeOnly ? options(uri, callId) : call(uri, callId, rtp);
        } catch (Exception ex) {
            LOG.debugf(ex, "page to %s failed", SipTarget.redacted(target.uri()));
            e = new Ended(PageOutcome.FAILED, 0, "internal error: " + ex);
        } finally {
            if (callId != null) sip.unregister(callId);
        }
        return result(e);
    }

    private PageResult result(Ended e) {
        return new PageResult(
                e.outcome, e.status, e.reason, invitedAt, answeredAt, firstRtpAt, Instant.now(), packets, codecName);
    }

    private Ended call(SipURI uri, String callId, DatagramSocket rtp) throws Exception {
        Request invite = invite(uri, callId, rtp.getLocalPort());
        // A connected UDP socket sees ICMP port-unreachable, which the stack's socket ignores:
        // a CRLF keep-alive (RFC 5626) lets a closed port fail in milliseconds, not 32 s.
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(remote);
            probe.configureBlocking(false);
            probe.write(ByteBuffer.wrap("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ClientTransaction ct = sip.provider.getNewClientTransaction(invite);
            invitedAt = Instant.now();
            try {
                ct.sendRequest();
            } catch (SipException e) {
                if (e.getCause() instanceof IOException io) {
                    return new Ended(PageOutcome.UNREACHABLE, 0, "cannot send to " + remote + ": " + io.getMessage());
                }
                throw e;
            }
            return ring(ct, invite, rtp, probe);
        }
    }

    private Ended options(SipURI uri, String callId) throws Exception {
        Request options = request(uri, callId, Request.OPTIONS);
        options.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(remote);
            probe.configureBlocking(false);
            probe.write(ByteBuffer.wrap("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ClientTransaction ct = sip.provider.getNewClientTransaction(options);
            invitedAt = Instant.now();
            try {
                ct.sendRequest();
            } catch (SipException e) {
                if (e.getCause() instanceof IOException io) {
                    return new Ended(PageOutcome.UNREACHABLE, 0, "cannot send to " + remote + ": " + io.getMessage());
                }
                throw e;
            }
            long deadline = System.nanoTime() + sip.settings.responseTimeout().toNanos();
            ByteBuffer scratch = ByteBuffer.allocate(1500);
            while (true) {
                Object ev = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (ev instanceof ResponseEvent re && re.getResponse().getStatusCode() >= 200) {
                    Response r = re.getResponse();
                    // Any final answer, even 401 or 405, comes from a live SIP stack at that address.
                    return new Ended(
                            PageOutcome.COMPLETED,
                            r.getStatusCode(),
                            "answered OPTIONS with " + r.getStatusCode() + " " + r.getReasonPhrase());
                } else if (ev instanceof TimeoutEvent) {
                    return new Ended(PageOutcome.UNREACHABLE, 0, "no answer to OPTIONS (SIP transaction timeout)");
                } else if (ev instanceof IOExceptionEvent) {
                    return new Ended(PageOutcome.UNREACHABLE, 0, "network error sending to " + remote);
                }
                if (portUnreachable(probe, scratch)) {
                    ct.terminate();
                    return new Ended(PageOutcome.UNREACHABLE, 0, "ICMP port unreachable from " + remote);
                }
                if (System.nanoTime() - deadline > 0) {
                    ct.terminate();
                    return new Ended(
                            PageOutcome.UNREACHABLE,
                            0,
                            "no answer to OPTIONS within "
                                    + sip.settings.responseTimeout().toMillis() + " ms");
                }
            }
        }
    }

    /** Reads the connected probe socket: true once the host said ICMP port unreachable. */
    private static boolean portUnreachable(DatagramChannel probe, ByteBuffer scratch) {
        if (!probe.isOpen()) return false;
        try {
            scratch.clear();
            probe.read(scratch);
            return false;
        } catch (PortUnreachableException pu) {
            return true;
        } catch (IOException io) {
            try {
                probe.close();
            } catch (IOException ignored) {
                // closing a datagram channel does not fail in practice
            }
            return false;
        }
    }

    private Ended ring(ClientTransaction ct, Request invite, DatagramSocket rtp, DatagramChannel probe)
            throws Exception {
        long start = System.nanoTime();
        long responseDeadline = start + sip.settings.responseTimeout().toNanos();
        long ringDeadline = start + sip.settings.ringTimeout().toNanos();
        long cancelDeadline = Long.MAX_VALUE;
        boolean anyResponse = false;
        boolean authSent = false;
        boolean cancelled = false;
        boolean stopped = false;
        ByteBuffer scratch = ByteBuffer.allocate(1500);
        while (true) {
            Object ev = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            if (ev instanceof ResponseEvent re) {
                Response r = re.getResponse();
                CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
                if (!Request.INVITE.equals(cseq.getMethod())) continue; // 200 to our CANCEL
                int status = r.getStatusCode();
                anyResponse = true;
                if (status < 200) continue;
                if (status < 300) {
                    if (answeredAt != null) continue; // retransmitted 2xx; the stack re-ACKs
                    answeredAt = Instant.now();
                    Dialog dialog = re.getDialog() != null
                            ? re.getDialog()
                            : re.getClientTransaction().getDialog();
                    dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
                    if (cancelled) {
                        bye(dialog);
                        return stopped
                                ? new Ended(
                                        PageOutcome.STOPPED, status, "stopped while ringing; answered late, hung up")
                                : new Ended(PageOutcome.NO_ANSWER, status, "answered after the ring timeout; hung up");
                    }
                    return answered(r, dialog, rtp);
                }
                if ((status == 401 || status == 407)
                        && !authSent
                        && target.username().isPresent()) {
                    authSent = true;
                    ct = authenticated(invite, r);
                    invite = ct.getRequest();
                    ct.sendRequest();
                    continue;
                }
                if (stopped) {
                    return new Ended(PageOutcome.STOPPED, status, "stopped while ringing (" + status + ")");
                }
                return failed(status, r.getReasonPhrase(), authSent, cancelled);
            } else if (ev instanceof TimeoutEvent) {
                if (stopped) return new Ended(PageOutcome.STOPPED, 0, "stopped while ringing");
                if (cancelled) return new Ended(PageOutcome.NO_ANSWER, 0, "ring timeout, cancelled");
                return new Ended(PageOutcome.UNREACHABLE, 0, "no response (SIP transaction timeout)");
            } else if (ev instanceof IOExceptionEvent) {
                return new Ended(PageOutcome.UNREACHABLE, 0, "network error sending to " + remote);
            }
            if (!anyResponse && portUnreachable(probe, scratch)) {
                ct.terminate();
                return new Ended(PageOutcome.UNREACHABLE, 0, "ICMP port unreachable from " + remote);
            }
            if (!cancelled && stop.getAsBoolean()) {
                if (!anyResponse) {
                    ct.terminate();
                    return new Ended(PageOutcome.STOPPED, 0, "stopped before the terminal answered");
                }
                // Ringing: CANCEL below, and a late 200 still gets its BYE.
                stopped = true;
                ringDeadline = now - 1;
            }
            if (!anyResponse && now - responseDeadline > 0) {
                ct.terminate();
                return new Ended(
                        PageOutcome.UNREACHABLE,
                        0,
                        "no response within " + sip.settings.responseTimeout().toMillis() + " ms");
            }
            // CANCEL only once something answered (RFC 3261 9.1); silence is the response timeout's.
            if (!cancelled && anyResponse && now - ringDeadline > 0) {
                cancelled = true;
                cancelDeadline = now + CANCEL_WAIT_NANOS;
                try {
                    sip.provider.getNewClientTransaction(ct.createCancel()).sendRequest();
                } catch (Exception ex) {
                    LOG.debugf("CANCEL to %s failed: %s", remote, ex.toString());
                }
            }
            if (cancelled && now - cancelDeadline > 0) {
                ct.terminate();
                if (stopped) return new Ended(PageOutcome.STOPPED, 0, "stopped while ringing (no 487 received)");
                return new Ended(PageOutcome.NO_ANSWER, 0, "ring timeout, cancelled (no 487 received)");
            }
        }
    }

    private static Ended failed(int status, String phrase, boolean authSent, boolean cancelled) {
        String reason = status + " " + phrase;
        return switch (status) {
            case 486, 600 -> new Ended(PageOutcome.BUSY, status, reason);
            case 408, 480 -> new Ended(PageOutcome.NO_ANSWER, status, reason);
            case 487 ->
                new Ended(
                        cancelled ? PageOutcome.NO_ANSWER : PageOutcome.REJECTED,
                        status,
                        cancelled ? "ring timeout, cancelled (" + reason + ")" : reason);
            case 401, 407 ->
                new Ended(
                        PageOutcome.REJECTED,
                        status,
                        reason + (authSent ? " (credentials refused)" : " (no credentials configured)"));
            default ->
                status >= 400 && status < 700
                        ? new Ended(PageOutcome.REJECTED, status, reason)
                        : new Ended(PageOutcome.FAILED, status, "unexpected " + reason);
        };
    }

    private Ended answered(Response ok, Dialog dialog, DatagramSocket rtp) throws Exception {
        byte[] body = ok.getRawContent();
        Sdp.Answer answer;
        try {
            answer = Sdp.parseAnswer(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException bad) {
            bye(dialog);
            return new Ended(PageOutcome.FAILED, ok.getStatusCode(), "unusable SDP answer: " + bad.getMessage());
        }
        Optional<Codec> codec = answer.codec();
        if (codec.isEmpty()) {
            bye(dialog);
            return new Ended(PageOutcome.FAILED, ok.getStatusCode(), "answer has neither PCMU nor PCMA");
        }
        codecName = codec.get().name();
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(answer.host()), answer.port());
        RtpSender.Sent sent = RtpSender.stream(rtp, to, codec.get(), pcm8k, () -> remoteHangup || stop.getAsBoolean());
        packets = sent.packets();
        firstRtpAt = sent.firstAt();
        if (sent.stopped() && !remoteHangup) {
            String byeOutcome = bye(dialog);
            return new Ended(
                    PageOutcome.STOPPED,
                    ok.getStatusCode(),
                    "stopped after " + packets + " of " + RtpPacketizer.packetCount(pcm8k.length) + " packets; "
                            + byeOutcome);
        }
        if (sent.stopped()) {
            return new Ended(
                    PageOutcome.FAILED,
                    ok.getStatusCode(),
                    "terminal hung up after " + packets + " of " + RtpPacketizer.packetCount(pcm8k.length)
                            + " packets");
        }
        String byeOutcome = bye(dialog);
        return new Ended(
                PageOutcome.COMPLETED,
                ok.getStatusCode(),
                "played " + packets + " packets (+" + RtpSender.FLUSH_PACKETS + " of silence); " + byeOutcome);
    }

    /** Sends BYE and waits up to 5 s for its answer; the page is over either way. */
    private String bye(Dialog dialog) {
        if (remoteHangup) return "terminal hung up";
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = sip.provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
            long deadline = System.nanoTime() + BYE_WAIT_NANOS;
            while (System.nanoTime() - deadline < 0) {
                Object ev = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (ev instanceof ResponseEvent re) {
                    Response r = re.getResponse();
                    CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
                    if (Request.BYE.equals(cseq.getMethod()) && r.getStatusCode() >= 200) {
                        return "BYE answered " + r.getStatusCode();
                    }
                } else if (ev instanceof TimeoutEvent) {
                    return "BYE timed out";
                } else if (remoteHangup) {
                    return "terminal hung up";
                }
            }
            return "no answer to BYE within 5 s";
        } catch (Exception e) {
            return "BYE failed: " + e.getMessage();
        }
    }

    private Request invite(SipURI uri, String callId, int rtpPort) throws Exception {
        Request r = request(uri, callId, Request.INVITE);
        ContentTypeHeader type = sip.headers.createContentTypeHeader("application", "sdp");
        r.setContent(Sdp.offer(sip.settings.advertisedHost(), rtpPort, System.currentTimeMillis() / 1000), type);
        return r;
    }

    private Request request(SipURI uri, String callId, String method) throws Exception {
        String host = sip.settings.advertisedHost();
        SipURI fromUri = sip.addresses.createSipURI(
                target.username().orElse("tocsin"), target.username().isPresent() ? uri.getHost() : host);
        Address from = sip.addresses.createAddress(fromUri);
        from.setDisplayName("Tocsin");
        FromHeader fromHeader = sip.headers.createFromHeader(from, Long.toHexString(RANDOM.nextLong()));
        ToHeader to = sip.headers.createToHeader(
                sip.addresses.createAddress(uri.clone().toString()), null);
        CallIdHeader callIdHeader = sip.headers.createCallIdHeader(callId);
        CSeqHeader cseq = sip.headers.createCSeqHeader(1L, method);
        ViaHeader via = sip.headers.createViaHeader(host, sip.port, "udp", null);
        via.setRPort();
        SipURI requestUri = (SipURI) uri.clone();
        Request r = sip.messages.createRequest(
                requestUri,
                method,
                callIdHeader,
                cseq,
                fromHeader,
                to,
                List.of(via),
                sip.headers.createMaxForwardsHeader(70));
        SipURI contactUri = sip.addresses.createSipURI("tocsin", host);
        contactUri.setPort(sip.port);
        r.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contactUri)));
        r.addHeader(sip.headers.createUserAgentHeader(List.of(sip.settings.userAgent())));
        r.addHeader(sip.headers.createAllowHeader("INVITE, ACK, CANCEL, BYE, OPTIONS"));
        return r;
    }

    /** The same INVITE again with the next CSeq, a new branch and the digest answer. */
    private ClientTransaction authenticated(Request previous, Response challenge) throws Exception {
        Request r = (Request) previous.clone();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        r.removeHeader(ViaHeader.NAME);
        ViaHeader via = sip.headers.createViaHeader(sip.settings.advertisedHost(), sip.port, "udp", null);
        via.setRPort();
        r.addHeader(via);
        boolean proxy = challenge.getStatusCode() == 407;
        WWWAuthenticateHeader c = (WWWAuthenticateHeader)
                challenge.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (c == null) throw new IllegalStateException("challenge without authenticate header");
        String user = target.username().orElseThrow();
        String password = target.password().orElse("");
        String uri = r.getRequestURI().toString();
        String qop = null;
        if (c.getQop() != null) {
            for (String q : c.getQop().split(",")) {
                if (q.trim().equalsIgnoreCase("auth")) qop = "auth";
            }
        }
        String nc = "00000001";
        String cnonce = Digest.cnonce();
        String response =
                Digest.response(user, c.getRealm(), password, Request.INVITE, uri, c.getNonce(), qop, nc, cnonce);
        AuthorizationHeader auth = proxy
                ? sip.headers.createProxyAuthorizationHeader(c.getScheme())
                : sip.headers.createAuthorizationHeader(c.getScheme());
        auth.setUsername(user);
        auth.setRealm(c.getRealm());
        auth.setNonce(c.getNonce());
        auth.setURI(r.getRequestURI());
        auth.setResponse(response);
        auth.setAlgorithm("MD5");
        if (c.getOpaque() != null) auth.setOpaque(c.getOpaque());
        if (qop != null) {
            auth.setQop(qop);
            auth.setNonceCount(1);
            auth.setCNonce(cnonce);
        }
        r.setHeader(auth);
        return sip.provider.getNewClientTransaction(r);
    }
}
