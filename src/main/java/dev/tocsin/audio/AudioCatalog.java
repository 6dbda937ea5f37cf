package dev.tocsin.audio;

import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.master.MasteringSettings;
import dev.tocsin.audio.programme.AudioTemplates;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.audio.speech.EspeakEngine;
import dev.tocsin.audio.speech.EspeakWasmEngine;
import dev.tocsin.audio.speech.FreeTtsEngine;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.audio.speech.SpeechEngines;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads and checks everything audio needs at start-up: templates (a broken profile, programme
 * or missing clip stops the service with the file name), the speech engines present on this
 * machine, and the mastering settings.
 */
@Startup
@ApplicationScoped
public class AudioCatalog {

    private static final Logger LOG = Logger.getLogger(AudioCatalog.class);

    private final AudioTemplates templates;
    private final SpeechEngines engines;
    private final MasteringChain mastering;

    AudioCatalog(AudioConfig config) {
        this.templates = AudioTemplates.load(config.templatesDir(), config.templatesClasspathFallback());
        LOG.infof(
                "audio templates from %s",
                Files.isDirectory(config.templatesDir())
                        ? config.templatesDir().toAbsolutePath()
                        : "the packaged copy (folder " + config.templatesDir().toAbsolutePath() + " not found)");
        List<SpeechEngine> list = new ArrayList<>();
        list.add(new FreeTtsEngine(config.freetts().poolSize(), config.freetts().acquireTimeout()));
        if (config.espeak().enabled()) {
            list.add(new EspeakEngine(config.espeak().command(), config.espeak().timeout()));
        }
        if (config.espeakWasm().enabled()) {
            list.add(new EspeakWasmEngine(config.espeakWasm().loadTimeout()));
        }
        this.engines = new SpeechEngines(list);
        List<String> known = List.of(FreeTtsEngine.ID, EspeakWasmEngine.ID, EspeakEngine.ID);
        for (VoiceProfile p : templates.profiles().values()) {
            for (String engine : p.engines()) {
                if (!known.contains(engine)) {
                    throw new IllegalStateException("voice profile " + p.id() + ".properties names unknown engine '"
                            + engine + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
        AudioConfig.Mastering m = config.mastering();
        this.mastering = new MasteringChain(new MasteringSettings(
                m.sampleRate(),
                m.highPassHz(),
                m.lowPassHz(),
                m.compressorThresholdDb(),
                m.compressorRatio(),
                m.targetLufs(),
                m.ceilingDbtp(),
                m.codecHeadroomDb(),
                m.fadeSeconds(),
                m.leadSilenceSeconds(),
                m.tailSilenceSeconds(),
                m.mp3BitrateKbps()));
        engines.statuses()
                .forEach(s -> LOG.infof(
                        "speech engine %s: %s", s.id(), s.available() ? s.version() : "UNAVAILABLE, " + s.detail()));
        profiles().forEach(p -> {
            if (!p.available()) {
                LOG.warnf("voice profile %s unavailable: %s", p.id(), p.detail());
            }
        });
    }

    /** A voice profile and whether this instance can speak it. */
    public record ProfileStatus(
            String id,
            String name,
            List<String> engines,
            String engine,
            boolean available,
            String detail,
            String phraseBank,
            int phrases) {}

    public AudioTemplates templates() {
        return templates;
    }

    public SpeechEngines engines() {
        return engines;
    }

    public MasteringChain mastering() {
        return mastering;
    }

    public Optional<SpeechEngine> engineFor(VoiceProfile profile) {
        return engines.firstAvailable(profile.engines());
    }

    public List<ProfileStatus> profiles() {
        return templates.profiles().values().stream()
                .sorted(java.util.Comparator.comparing(VoiceProfile::id))
                .map(this::status)
                .toList();
    }

    public ProfileStatus status(VoiceProfile p) {
        Optional<SpeechEngine> engine = engineFor(p);
        String detail = engine.map(e -> "speaks with " + e.id())
                .orElseGet(() -> "engine unavailable: "
                        + p.engines().stream()
                                .map(id -> id + " "
                                        + engines.get(id)
                                                .map(e -> e.status().detail())
                                                .orElse("not configured"))
                                .reduce((a, b) -> a + "; " + b)
                                .orElse("no engine listed"));
        return new ProfileStatus(
                p.id(),
                p.name(),
                p.engines(),
                engine.map(SpeechEngine::id).orElse(null),
                engine.isPresent(),
                detail,
                p.phraseBank().orElse(null),
                templates.phraseBank(p).size());
    }
}
