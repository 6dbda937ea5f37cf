package dev.tocsin.duty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TwiML of a 叫应 call: the programme or the text, the prompt, escaped. */
class DutyVoiceTwimlTest {

    @Test
    void aRenderedProgrammeIsPlayedThenThePromptIsSaid() {
        String x = DutyVoiceTwiml.call(
                "https://t.example/api/twilio/voice/gather?c=7&x=1",
                Optional.of("https://t.example/api/audio/" + "a".repeat(64) + ".mp3"),
                "寒潮预警",
                "zh-CN");
        assertThat(x)
                .contains("<Gather numDigits=\"1\" action=\"https://t.example/api/twilio/voice/gather?c=7&amp;x=1\"")
                .contains("timeout=\"8\"")
                .contains("<Play>https://t.example/api/audio/" + "a".repeat(64) + ".mp3</Play>")
                .contains("<Say language=\"zh-CN\">收到请按1。</Say></Gather>")
                .doesNotContain("寒潮预警");
    }

    @Test
    void withoutAProgrammeTheTextIsSaidEscapedAndInEnglishForEnglishSpeakers() {
        String x = DutyVoiceTwiml.call("https://t.example/g?c=1", Optional.empty(), "Flood <red> & \"now\"", "en");
        assertThat(x)
                .doesNotContain("<Play>")
                .contains(
                        "<Say language=\"en-US\">Flood &lt;red&gt; &amp; &quot;now&quot; Press 1 to confirm receipt.</Say>");
        assertThat(DutyVoiceTwiml.thanks("zh-CN")).contains("已确认收到，谢谢。");
        assertThat(DutyVoiceTwiml.thanks("en")).contains("Receipt confirmed");
    }
}
