package dev.tocsin.duty;

import java.util.Optional;

/** The TwiML of a 叫应 call: the warning (its rendered programme, else its SMS text), then "press 1". */
final class DutyVoiceTwiml {

    private DutyVoiceTwiml() {}

    static String call(String gatherUrl, Optional<String> mp3Url, String text, String language) {
        boolean zh = !language.startsWith("en");
        String lang = zh ? "zh-CN" : "en-US";
        String prompt = zh ? "收到请按1。" : "Press 1 to confirm receipt.";
        String after = zh ? "没有收到您的按键，稍后将再次联系您。" : "No key was pressed. We will call again.";
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        x.append("<Gather numDigits=\"1\" action=\"")
                .append(escape(gatherUrl))
                .append("\" method=\"POST\" timeout=\"8\">");
        if (mp3Url.isPresent()) {
            x.append("<Play>").append(escape(mp3Url.get())).append("</Play>");
            x.append(say(lang, prompt));
        } else {
            x.append(say(lang, text + " " + prompt));
        }
        x.append("</Gather>").append(say(lang, after)).append("</Response>");
        return x.toString();
    }

    static String thanks(String language) {
        boolean zh = language == null || !language.startsWith("en");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + say(zh ? "zh-CN" : "en-US", zh ? "已确认收到，谢谢。" : "Receipt confirmed. Thank you.")
                + "</Response>";
    }

    static String empty() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    }

    private static String say(String lang, String text) {
        return "<Say language=\"" + lang + "\">" + escape(text) + "</Say>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
