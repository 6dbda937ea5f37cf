package dev.tocsin.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The little SDP (RFC 4566 / 3264) a page needs: one audio offer and reading the answer. */
final class Sdp {
    private Sdp() {}

    /**
     * Offer PCMU and PCMA at 20 ms. sendrecv rather than sendonly: some terminals (baresip among
     * them) refuse a sendonly offer although the page only ever sends.
     */
    static String offer(String host, int rtpPort, long sessionId) {
        String ip = host.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=tocsin " + sessionId + " " + sessionId + " IN " + ip + " " + host + "\r\n"
                + "s=Tocsin page\r\n"
                + "c=IN " + ip + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 8\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /** Where and how the answerer wants audio. */
    record Answer(String host, int port, List<Integer> payloadTypes, List<String> encodings) {
        /** PCMU if the answer has it, else PCMA; static types or rtpmap names both count. */
        Optional<Codec> codec() {
            for (Codec preferred : Codec.values()) {
                if (payloadTypes.contains(preferred.payloadType)) return Optional.of(preferred);
                if (encodings.stream().anyMatch(e -> e.equalsIgnoreCase(preferred.name()))) {
                    return Optional.of(preferred);
                }
            }
            return Optional.empty();
        }
    }

    static Answer parseAnswer(String sdp) {
        String sessionHost = null;
        String mediaHost = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        List<String> encodings = new ArrayList<>();
        boolean inAudio = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') continue;
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'c' -> {
                    String[] f = value.split("\\s+");
                    if (f.length < 3) throw new IllegalArgumentException("bad c= line: " + line);
                    String host = f[2].split("/")[0]; // drop a multicast TTL suffix
                    if (inAudio) mediaHost = host;
                    else if (port < 0) sessionHost = host;
                }
                case 'm' -> {
                    String[] f = value.split("\\s+");
                    // Only the first audio stream with a non-zero port is used.
                    if (port < 0 && f.length >= 4 && f[0].equals("audio") && !f[1].equals("0")) {
                        port = Integer.parseInt(f[1].split("/")[0]);
                        for (int i = 3; i < f.length; i++) {
                            try {
                                pts.add(Integer.parseInt(f[i]));
                            } catch (NumberFormatException e) {
                                // non-RTP format: ignored
                            }
                        }
                        inAudio = true;
                    } else {
                        inAudio = false;
                    }
                }
                case 'a' -> {
                    if (inAudio && value.startsWith("rtpmap:")) {
                        String[] f = value.substring(7).split("\\s+", 2);
                        if (f.length == 2 && pts.contains(Integer.parseInt(f[0]))) {
                            encodings.add(f[1].split("/")[0]);
                        }
                    }
                }
                default -> {}
            }
        }
        if (port < 0) throw new IllegalArgumentException("answer has no audio stream");
        String host = mediaHost != null ? mediaHost : sessionHost;
        if (host == null) throw new IllegalArgumentException("answer has no connection address");
        return new Answer(host, port, List.copyOf(pts), List.copyOf(encodings));
    }
}
