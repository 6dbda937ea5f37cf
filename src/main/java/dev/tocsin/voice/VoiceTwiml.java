package dev.tocsin.voice;

import java.util.Optional;

/** The TwiML of a resident's call: the broadcast's rendered programme, or its SMS text spoken. No key press. */
final class VoiceTwiml {

    private VoiceTwiml() {}

    static String call(Optional<String> mp3Url, String text, String language) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        if (mp3Url.isPresent()) {
            x.append("<Play>").append(escape(mp3Url.get())).append("</Play>");
        } else {
            String lang = language != null && language.startsWith("en") ? "en-US" : "zh-CN";
            x.append("<Say language=\"")
                    .append(lang)
                    .append("\">")
                    .append(escape(text))
                    .append("</Say>");
        }
        return x.append("</Response>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
