package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.codec.Mp3;
import dev.tocsin.audio.codec.Mp3Decoding;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.dsp.TruePeak;
import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.master.MasteringSettings;
import dev.tocsin.audio.speech.EspeakEngine;
import dev.tocsin.audio.speech.FreeTtsEngine;
import dev.tocsin.audio.speech.PhraseBank;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Renders real programmes and checks the decoded sound a terminal would play. */
class ProgrammeAndMasteringTest {

    private static final AudioTemplates TEMPLATES = AudioTemplates.load(Path.of("audio-templates"));
    private static final MasteringSettings SETTINGS =
            new MasteringSettings(22050, 150, 5000, -24, 3, -16, -1, 0.8, 0.01, 0.3, 0.5, 48);
    private static final FreeTtsEngine FREETTS = new FreeTtsEngine(1, Duration.ofSeconds(30));

    private static Pcm renderEnglish(Urgency severity) {
        VoiceProfile en = TEMPLATES.profile("en").orElseThrow();
        return new ProgrammeRenderer(FREETTS, TEMPLATES.phraseBank(en), 22050)
                .render(
                        "Freezing rain is expected tonight. Roads will be icy. Stay at home unless you must go out.",
                        "Stay at home unless you must go out.",
                        en,
                        TEMPLATES.programme("notice").orElseThrow().segments(severity))
                .audio();
    }

    @Test
    void masteredSpeechHitsTargetLoudnessUnderTheCeilingInWavAndMp3() throws Exception {
        Pcm raw = renderEnglish(Urgency.ROUTINE);
        Pcm mastered = new MasteringChain(SETTINGS).master(raw);
        assertThat(mastered.sampleRate()).isEqualTo(22050);
        assertThat(mastered.durationSeconds()).isCloseTo(raw.durationSeconds() + 0.8, within(0.01));

        Pcm wav = Wav.read(Wav.write(mastered));
        assertThat(LoudnessMeter.integrated(wav)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(wav)).isLessThanOrEqualTo(-1.0);

        Pcm mp3 = Mp3Decoding.decode(Mp3.encode(mastered, 48));
        assertThat(mp3.sampleRate()).isEqualTo(22050);
        assertThat(mp3.durationSeconds()).isCloseTo(mastered.durationSeconds(), within(0.15));
        assertThat(LoudnessMeter.integrated(mp3)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(mp3)).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void masteringBringsQuietAndHotInputsToTheSameLoudness() {
        MasteringChain chain = new MasteringChain(SETTINGS);
        for (double peak : new double[] {-30, -6, 6}) {
            Pcm out = chain.master(Signals.bursts(8, 16000, peak, 3));
            assertThat(out.sampleRate()).isEqualTo(22050);
            assertThat(LoudnessMeter.integrated(out))
                    .as("input peak %s dBFS", peak)
                    .isCloseTo(-16, within(0.5));
            assertThat(TruePeak.dbtp(out)).as("input peak %s dBFS", peak).isLessThanOrEqualTo(-1.0);
            assertThat(out.samples()[0]).isZero();
            assertThat(out.samples()[out.length() - 1]).isZero();
        }
    }

    @Test
    void urgentVariantRepeatsTheKeyInstructionThreeTimes() {
        double routine = renderEnglish(Urgency.ROUTINE).durationSeconds();
        double urgent = renderEnglish(Urgency.URGENT).durationSeconds();
        // Urgent: one more repetition of the instruction (about 2.5 s) and a chime at both ends.
        assertThat(urgent - routine).isGreaterThan(3.0);
    }

    @Test
    void scriptCoveredByThePhraseBankIsPlayedFromRecordingsWithoutTheEngine() {
        VoiceProfile xiang = TEMPLATES.profile("xiang-yiyang").orElseThrow();
        PhraseBank bank = TEMPLATES.phraseBank(xiang);
        EspeakEngine absent = new EspeakEngine("/nonexistent/espeak-ng", Duration.ofSeconds(1));
        Pcm body = new ProgrammeRenderer(absent, bank, 16000)
                .render("各位父老乡亲，冇事尽量少出门。", "", xiang, java.util.List.of(new ProgrammeTemplate.Body()))
                .audio();
        double clips = bank.split("各位父老乡亲，冇事尽量少出门。").stream()
                .filter(p -> p instanceof PhraseBank.Recorded)
                .mapToDouble(p -> ((PhraseBank.Recorded) p).clip().durationSeconds())
                .sum();
        assertThat(clips).isGreaterThan(4.0);
        assertThat(body.durationSeconds()).isCloseTo(clips, within(0.01));
        assertThat(LoudnessMeter.integrated(body)).isCloseTo(-20, within(1.0));
    }

    @Test
    void mandarinRewrittenByTheDialectLexiconReachesThePhraseBankRecordings() {
        // Composition writes Mandarin; the Xiang lexicon turns 没事 into 冇事, which the bank has recorded.
        var dialect = dev.tocsin.compose.dialect.DialectRegistry.load(Path.of("audio-templates/dialects")).stream()
                .filter(d -> d.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        String mandarin = "没事尽量少出门。";
        String xiangText = dialect.lexicon().rewrite(mandarin).text();
        assertThat(xiangText).isEqualTo("冇事尽量少出门。");
        VoiceProfile xiang = TEMPLATES.profile("xiang-yiyang").orElseThrow();
        PhraseBank bank = TEMPLATES.phraseBank(xiang);
        assertThat(bank.split(mandarin)).noneMatch(p -> p instanceof PhraseBank.Recorded);
        assertThat(bank.split(xiangText)).first().isInstanceOf(PhraseBank.Recorded.class);
        // Rendered with no engine at all: every sound comes from the recording.
        EspeakEngine absent = new EspeakEngine("/nonexistent/espeak-ng", Duration.ofSeconds(1));
        Pcm body = new ProgrammeRenderer(absent, bank, 16000)
                .render(xiangText, "", xiang, java.util.List.of(new ProgrammeTemplate.Body()))
                .audio();
        assertThat(body.durationSeconds())
                .isCloseTo(
                        ((PhraseBank.Recorded) bank.split(xiangText).get(0))
                                .clip()
                                .durationSeconds(),
                        within(0.01));
    }

    @Test
    void dialectProgrammeMixesRecordedPhrasesWithEspeakSpeech() {
        EspeakEngine espeak = new EspeakEngine("espeak-ng", Duration.ofSeconds(20));
        assumeTrue(espeak.status().available(), "espeak-ng not installed");
        VoiceProfile xiang = TEMPLATES.profile("xiang-yiyang").orElseThrow();
        Pcm raw = new ProgrammeRenderer(espeak, TEMPLATES.phraseBank(xiang), 22050)
                .render(
                        "今晚到明天有冻雨，气温零下3度。冇事尽量少出门。",
                        "冇事尽量少出门。",
                        xiang,
                        TEMPLATES.programme("notice").orElseThrow().segments(Urgency.URGENT))
                .audio();
        Pcm mastered = new MasteringChain(SETTINGS).master(raw);
        assertThat(mastered.durationSeconds()).isBetween(15.0, 60.0);
        assertThat(LoudnessMeter.integrated(mastered)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(mastered)).isLessThanOrEqualTo(-1.0);
    }
}
