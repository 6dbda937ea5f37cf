package dev.tocsin.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SIP user agent server over plain UDP, written for the tests: it parses requests
 * and answers per scenario, and records the RTP each answered call receives.
 */
final class TestUas implements AutoCloseable {
    enum Scenario {
        ANSWER,
        BUSY,
        DIGEST,
        RING_FOREVER,
        /** Answers with PCMA only. */
        ANSWER_PCMA,
        /** Answers, then hangs up (BYE) after {@link #HANGUP_AFTER_MILLIS}. */
        HANGUP_EARLY,
        /** Final response {@code finalStatus} to every INVITE. */
        FINAL
    }

    static final long HANGUP_AFTER_MILLIS = 400;
    volatile int finalStatus = 603;
    volatile String finalPhrase = "Decline";

    static final String REALM = "tocsin-test";

    /** A parsed SIP request. */
    record Msg(String method, String uri, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
            return null;
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
            return out;
        }
    }

    /** RTP that one answered call received, with arrival times. */
    static final class RtpSink implements AutoCloseable {
        final DatagramSocket socket;
        final List<byte[]> packets = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final Thread thread;

        RtpSink() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(1 << 20);
            thread = new Thread(this::loop, "rtp-sink-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return;
                }
                arrivals.add(System.nanoTime());
                byte[] copy = new byte[p.getLength()];
                System.arraycopy(p.getData(), 0, copy, 0, copy.length);
                packets.add(copy);
            }
        }

        int maxGapIndex() {
            long max = 0;
            int at = -1;
            for (int i = 1; i < arrivals.size(); i++) {
                long g = arrivals.get(i) - arrivals.get(i - 1);
                if (g > max) {
                    max = g;
                    at = i;
                }
            }
            return at;
        }

        long maxGapNanos() {
            long max = 0;
            for (int i = 1; i < arrivals.size(); i++) max = Math.max(max, arrivals.get(i) - arrivals.get(i - 1));
            return max;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** What the UAS saw of one Call-ID. */
    static final class CallRecord {
        final long invitedNanos = System.nanoTime();
        volatile RtpSink sink;
        volatile boolean acked;
        volatile boolean bye;
        volatile boolean cancel;
        volatile String authorization;
        final AtomicInteger invites = new AtomicInteger();
    }

    private final DatagramSocket socket;
    private final Scenario scenario;
    private final String user;
    private final String password;
    private final Thread thread;
    final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    final List<String> responses = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastResponse = new ConcurrentHashMap<>();
    private final AtomicInteger tags = new AtomicInteger();

    TestUas(Scenario scenario) throws IOException {
        this(scenario, null, null);
    }

    TestUas(Scenario scenario, String user, String password) throws IOException {
        this(scenario, user, password, 0);
    }

    /** On a given port (0: any free one), e.g. to bring a speaker back where it was. */
    TestUas(Scenario scenario, String user, String password, int port) throws IOException {
        this.scenario = scenario;
        this.user = user;
        this.password = password;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setReceiveBufferSize(1 << 20);
        thread = new Thread(this::loop, "test-uas-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    String uri() {
        return "sip:speaker@127.0.0.1:" + port();
    }

    private void loop() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (text.isBlank()) continue; // CRLF keep-alive
                handle(parse(text), p.getSocketAddress());
            } catch (IOException e) {
                if (socket.isClosed()) return;
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    static Msg parse(String text) {
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0)
                headers.add(new String[] {
                    expand(lines[i].substring(0, c).trim()),
                    lines[i].substring(c + 1).trim()
                });
        }
        return new Msg(start[0], start.length > 1 ? start[1] : "", headers, body);
    }

    private static String expand(String name) {
        return switch (name.toLowerCase()) {
            case "v" -> "Via";
            case "f" -> "From";
            case "t" -> "To";
            case "i" -> "Call-ID";
            case "m" -> "Contact";
            case "l" -> "Content-Length";
            case "c" -> "Content-Type";
            default -> name;
        };
    }

    private void handle(Msg m, SocketAddress from) throws IOException {
        if (m.method().startsWith("SIP/")) { // only the answer to our own BYE
            responses.add(m.uri() + " " + m.header("CSeq"));
            return;
        }
        requestLines.add(m.method() + " " + m.uri());
        String callId = m.header("Call-ID");
        CallRecord call = calls.computeIfAbsent(callId, k -> new CallRecord());
        String cseq = m.header("CSeq");
        switch (m.method()) {
            case "INVITE" -> {
                String key = callId + "|" + cseq;
                String again = lastResponse.get(key);
                if (again != null) { // a retransmission
                    send(again, from);
                    return;
                }
                call.invites.incrementAndGet();
                invite(m, call, key, from);
            }
            case "ACK" -> call.acked = true;
            case "BYE" -> {
                call.bye = true;
                send(response(m, 200, "OK", null, null), from);
                RtpSink s = call.sink;
                if (s != null) s.close();
            }
            case "CANCEL" -> {
                call.cancel = true;
                send(response(m, 200, "OK", null, null), from);
                String inviteKey = callId + "|" + cseq.replace("CANCEL", "INVITE");
                Msg invite = pendingInvites.remove(inviteKey);
                if (invite != null) {
                    String r = response(invite, 487, "Request Terminated", null, null);
                    lastResponse.put(inviteKey, r);
                    send(r, from);
                }
            }
            default -> send(response(m, 200, "OK", null, null), from);
        }
    }

    private final Map<String, Msg> pendingInvites = new ConcurrentHashMap<>();

    private void invite(Msg m, CallRecord call, String key, SocketAddress from) throws IOException {
        send(response(m, 100, "Trying", null, null), from);
        switch (scenario) {
            case BUSY -> final_(key, response(m, 486, "Busy Here", null, null), from);
            case RING_FOREVER -> {
                send(response(m, 180, "Ringing", null, null), from);
                pendingInvites.put(key, m);
            }
            case DIGEST -> {
                String auth = m.header("Authorization");
                call.authorization = auth;
                if (auth == null || !digestOk(auth, m)) {
                    String nonce = Long.toHexString(System.nanoTime());
                    Map<String, String> extra = new LinkedHashMap<>();
                    extra.put(
                            "WWW-Authenticate",
                            "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                                    + "\", opaque=\"op4que\", qop=\"auth\", algorithm=MD5");
                    nonces.put(nonce, Boolean.TRUE);
                    final_(key, response(m, 401, "Unauthorized", extra, null), from);
                } else {
                    answer(m, call, key, from);
                }
            }
            case ANSWER, ANSWER_PCMA, HANGUP_EARLY -> answer(m, call, key, from);
            case FINAL -> final_(key, response(m, finalStatus, finalPhrase, null, null), from);
        }
    }

    private final Map<String, Boolean> nonces = new ConcurrentHashMap<>();

    private void answer(Msg m, CallRecord call, String key, SocketAddress from) throws IOException {
        send(response(m, 180, "Ringing", null, null), from);
        RtpSink sink = new RtpSink();
        call.sink = sink;
        int port = sink.socket.getLocalPort();
        String sdp = "v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + (scenario == Scenario.ANSWER_PCMA
                        ? "m=audio " + port + " RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
                        : "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
                + "a=sendrecv\r\n";
        final_(key, response(m, 200, "OK", null, sdp), from);
        if (scenario == Scenario.HANGUP_EARLY) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(HANGUP_AFTER_MILLIS);
                    send(bye(m), from);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    /** A BYE from this side of the dialog the INVITE created. */
    private String bye(Msg invite) {
        String contact = invite.header("Contact").replaceAll(".*<([^>]+)>.*", "$1");
        String to = invite.header("To") + ";tag=uas"
                + Math.abs(invite.header("Call-ID").hashCode());
        return "BYE " + contact + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + to + "\r\n"
                + "To: " + invite.header("From") + "\r\n"
                + "Call-ID: " + invite.header("Call-ID") + "\r\n"
                + "CSeq: 1 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void final_(String key, String response, SocketAddress from) throws IOException {
        lastResponse.put(key, response);
        send(response, from);
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|([^,\\s]+))");

    static Map<String, String> params(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher mm = PARAM.matcher(header.replaceFirst("^\\s*Digest\\s+", ""));
        while (mm.find()) out.put(mm.group(1).toLowerCase(), mm.group(3) != null ? mm.group(3) : mm.group(4));
        return out;
    }

    /** Checks the client's digest independently of the production Digest class. */
    private boolean digestOk(String header, Msg m) {
        Map<String, String> p = params(header);
        if (!user.equals(p.get("username")) || !REALM.equals(p.get("realm"))) return false;
        if (!nonces.containsKey(p.get("nonce")) || !"op4que".equals(p.get("opaque"))) return false;
        if (!"auth".equals(p.get("qop")) || p.get("cnonce") == null || p.get("nc") == null) return false;
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5("INVITE:" + p.get("uri"));
        String expected = md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equals(p.get("response")) && m.uri().equals(p.get("uri"));
    }

    private static String md5(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) sb.append(String.format("%02x", b));
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String response(Msg req, int status, String phrase, Map<String, String> extra, String sdp) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ")
                .append(status)
                .append(' ')
                .append(phrase)
                .append("\r\n");
        for (String via : req.all("Via")) sb.append("Via: ").append(via).append("\r\n");
        sb.append("From: ").append(req.header("From")).append("\r\n");
        String to = req.header("To");
        if (!to.contains(";tag=") && status > 100)
            to += ";tag=uas" + Math.abs(req.header("Call-ID").hashCode());
        sb.append("To: ").append(to).append("\r\n");
        sb.append("Call-ID: ").append(req.header("Call-ID")).append("\r\n");
        sb.append("CSeq: ").append(req.header("CSeq")).append("\r\n");
        if (status > 100 && status < 300 && req.method().equals("INVITE")) {
            sb.append("Contact: <sip:speaker@127.0.0.1:").append(port()).append(">\r\n");
        }
        if (extra != null)
            extra.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (sdp != null) {
            sb.append("Content-Type: application/sdp\r\n");
            sb.append("Content-Length: ")
                    .append(sdp.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n\r\n");
            sb.append(sdp);
        } else {
            sb.append("Content-Length: 0\r\n\r\n");
        }
        return sb.toString();
    }

    private void send(String text, SocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, to));
    }

    @Override
    public void close() {
        socket.close();
        for (CallRecord c : calls.values()) if (c.sink != null) c.sink.close();
    }
}
