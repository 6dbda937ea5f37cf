package dev.tocsin.audio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.codec.Mp3;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.TruePeak;
import dev.tocsin.audio.programme.ProgrammeRenderer;
import dev.tocsin.audio.programme.ProgrammeTemplate;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.PhraseOverlay;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.audio.speech.SpeechException;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.AudioStore;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Renders loudspeaker programmes once per content key and serves them from the shared store.
 * The key hashes everything that shapes the sound (script, profile and phrase bank contents,
 * programme template, engine version, mastering settings), so equal input is rendered once and
 * shared by every terminal and broadcast. Concurrent requests for one key in this instance wait
 * for a single render; across instances the store's primary key keeps the first one stored.
 */
@ApplicationScoped
public class AudioService {

    /** Bumped when rendering changes in a way the other key parts do not capture. */
    static final String RENDER_VERSION = "tocsin-audio-4";

    public static final String DEFAULT_PROGRAMME = "notice";
    public static final String COMPOSED_PROGRAMME = "composed";
    static final int MAX_KEY_INSTRUCTION_CHARS = 200;

    private final AudioCatalog catalog;
    private final ComposeService compose;
    private final AudioStore store;
    private final AudioConfig config;
    private final Clock clock;
    private final PhraseOverlay overlay;
    private final Counter renders;
    private final ConcurrentMap<String, CompletableFuture<RenderedProgramme>> inFlight = new ConcurrentHashMap<>();

    AudioService(
            AudioCatalog catalog,
            ComposeService compose,
            AudioStore store,
            AudioConfig config,
            Clock clock,
            MeterRegistry registry,
            PhraseOverlay overlay) {
        this.overlay = overlay;
        this.catalog = catalog;
        this.compose = compose;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.renders = Counter.builder("tocsin.audio.renders")
                .description("Programmes rendered (cache misses)")
                .register(registry);
    }

    /** A validated render request. */
    public record Request(String script, String profile, String severity, String programme, String keyInstruction) {

        /**
         * A script composition wrote in full (opening, body, key instruction repeated, closing,
         * in the dialect's words): played by the {@value #COMPOSED_PROGRAMME} programme, which
         * adds chimes and pauses only. Broadcasts, their previews and CAP resources use this,
         * so they all name the same stored programme.
         */
        public static Request composed(String script, String profile, String severity) {
            return new Request(script, profile, severity, COMPOSED_PROGRAMME, null);
        }
    }

    /** The stored programme and whether it was rendered now or found in the store. */
    public record Result(RenderedProgramme programme, boolean cached) {}

    /**
     * A preview of a notice template: its loudspeaker rendition for a language and dialect,
     * rendered by composition.
     *
     * @param templateVersion null for the current version
     * @param dialect null for the language's default dialect
     * @param severity null for routine
     * @param programme null for {@value #DEFAULT_PROGRAMME}
     */
    public record TemplateRequest(
            String templateId,
            Integer templateVersion,
            Map<String, JsonNode> variables,
            String language,
            String dialect,
            String severity,
            String programme) {}

    /**
     * What composition made of the template, the key instruction repeated (the template's, else
     * the body's last sentence) and the programme rendered from them.
     */
    public record TemplateResult(ComposeService.Speech speech, String profile, String keyInstruction, Result result) {}

    /**
     * Renders the template's loudspeaker body and key instruction after the dialect's lexicon
     * (composition, as for broadcasts) with the voice profile broadcasts use for that dialect;
     * the programme adds the profile's opening, repetitions and closing. Errors as
     * {@link ComposeService#render} and
     * {@link #preview}.
     */
    public TemplateResult previewTemplate(TemplateRequest r) {
        ComposeService.Speech speech = compose.speech(
                r.templateId(),
                r.templateVersion(),
                r.variables() == null ? Map.of() : r.variables(),
                r.language(),
                r.dialect());
        String profile = voiceProfileFor(speech.language(), speech.dialect());
        if (catalog.templates().profile(profile).isEmpty()) {
            throw ProblemException.badRequest(
                    "dialect",
                    "dialect '" + speech.dialect() + "' has no voice profile "
                            + "(audio-templates/voices/" + profile + ".properties); known: "
                            + catalog.templates().profiles().keySet().stream()
                                    .sorted()
                                    .toList());
        }
        String key = speech.keyInstruction() == null
                ? ProgrammeRenderer.lastSentence(speech.body())
                : speech.keyInstruction();
        Result result = preview(new Request(
                speech.body(),
                profile,
                r.severity() == null ? Urgency.ROUTINE.id() : r.severity(),
                r.programme(),
                key));
        return new TemplateResult(speech, profile, key, result);
    }

    /**
     * The voice profile that speaks a notice in a language and dialect (dialect and voice
     * profiles share ids; with no dialect, English is {@code en} and Chinese {@code mandarin}).
     * Broadcasts, CAP resources and template previews all choose through here, so they name
     * the same programme.
     */
    public static String voiceProfileFor(String language, String dialect) {
        if (dialect != null && !dialect.isBlank()) {
            return dialect;
        }
        return language != null && language.startsWith("en") ? "en" : "mandarin";
    }

    public Result preview(Request request) {
        Prepared p = prepare(request);
        return cached(p.key, () -> renderAndStore(p));
    }

    /**
     * The programme of a broadcast whose loudspeaker audio is a staff recording: the
     * {@value #COMPOSED_PROGRAMME} programme's chimes and pauses around the recording, which is
     * stored (mastered) under {@code recordingKey}. Keyed by the recording's content, so a
     * broadcast approved with it keeps exactly that sound.
     */
    public Result recorded(String recordingKey, String severity) {
        Urgency urgency = Optional.ofNullable(severity)
                .flatMap(Urgency::parse)
                .orElseThrow(() -> ProblemException.badRequest("severity", "must be routine or urgent"));
        RenderedProgramme recording = store.find(recordingKey)
                .orElseThrow(() -> ProblemException.notFound("no recorded audio " + recordingKey));
        ProgrammeTemplate programme = catalog.templates()
                .programme(COMPOSED_PROGRAMME)
                .orElseThrow(() -> new IllegalStateException("programme " + COMPOSED_PROGRAMME + " missing"));
        String key = sha256(String.join(
                        "\n",
                        RENDER_VERSION,
                        "recorded",
                        recordingKey,
                        programme.id(),
                        programme.fingerprint(),
                        urgency.id(),
                        catalog.mastering().settings().canonical())
                .getBytes(StandardCharsets.UTF_8));
        return cached(key, () -> {
            long started = System.nanoTime();
            Pcm voice = Wav.read(store.read(recordingKey, AudioFormat.WAV, 0, recording.wavBytes() - 1));
            int rate = catalog.mastering().settings().sampleRate();
            Pcm audio = new ProgrammeRenderer(null, PhraseBank.empty("none"), rate)
                    .renderRecorded(voice, programme.segments(urgency));
            // All of its speech is the staff recording.
            ProgrammeRenderer.Rendering raw =
                    new ProgrammeRenderer.Rendering(audio, voice.durationSeconds(), 0, List.of());
            return masterAndStore(key, "recording", programme.id(), urgency, "recording", raw, started);
        });
    }

    private Result cached(String key, java.util.function.Supplier<RenderedProgramme> render) {
        Optional<RenderedProgramme> stored = store.find(key);
        if (stored.isPresent()) {
            return new Result(stored.get(), true);
        }
        CompletableFuture<RenderedProgramme> mine = new CompletableFuture<>();
        CompletableFuture<RenderedProgramme> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return new Result(await(running), true);
        }
        try {
            RenderedProgramme done = store.find(key).orElseGet(render);
            mine.complete(done);
            return new Result(done, false);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    public Optional<RenderedProgramme> find(String key) {
        return store.find(key);
    }

    /** The content key a render of this request is stored under, without rendering. */
    public String contentKey(Request request) {
        return prepare(request).key;
    }

    public byte[] read(String key, AudioFormat format, long from, long to) {
        return store.read(key, format, from, to);
    }

    private record Prepared(
            String key,
            String script,
            String keyInstruction,
            VoiceProfile profile,
            ProgrammeTemplate programme,
            Urgency severity,
            SpeechEngine engine,
            PhraseBank bank) {}

    private Prepared prepare(Request r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String script = r.script() == null ? "" : r.script().strip();
        if (script.isEmpty()) {
            errors.add(new Problem.FieldError("script", "must not be empty"));
        } else if (script.length() > config.maxScriptChars()) {
            errors.add(new Problem.FieldError(
                    "script", "is " + script.length() + " characters; the limit is " + config.maxScriptChars()));
        }
        Optional<VoiceProfile> profile = Optional.ofNullable(r.profile()).flatMap(catalog.templates()::profile);
        if (profile.isEmpty()) {
            errors.add(new Problem.FieldError(
                    "profile",
                    "unknown voice profile '" + r.profile() + "'; known: "
                            + catalog.templates().profiles().keySet().stream()
                                    .sorted()
                                    .toList()));
        }
        Optional<Urgency> severity = Optional.ofNullable(r.severity()).flatMap(Urgency::parse);
        if (severity.isEmpty()) {
            errors.add(new Problem.FieldError("severity", "must be routine or urgent"));
        }
        String programmeId = r.programme() == null ? DEFAULT_PROGRAMME : r.programme();
        Optional<ProgrammeTemplate> programme = catalog.templates().programme(programmeId);
        if (programme.isEmpty()) {
            errors.add(new Problem.FieldError("programme", "unknown programme '" + programmeId + "'"));
        }
        String key = r.keyInstruction() == null || r.keyInstruction().isBlank()
                ? ProgrammeRenderer.lastSentence(script)
                : r.keyInstruction().strip();
        if (key.length() > MAX_KEY_INSTRUCTION_CHARS) {
            errors.add(new Problem.FieldError(
                    "keyInstruction", "must be at most " + MAX_KEY_INSTRUCTION_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        SpeechEngine engine = catalog.engineFor(profile.get())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        503,
                        "Engine unavailable",
                        "Voice profile '" + profile.get().id() + "' cannot be spoken here: "
                                + catalog.status(profile.get()).detail())));
        PhraseBank bank = overlay.apply(catalog.templates().phraseBank(profile.get()));
        String contentKey = sha256(String.join(
                        "\n",
                        RENDER_VERSION,
                        script,
                        key,
                        profile.get().id(),
                        profile.get().fingerprint(),
                        bank.fingerprint(),
                        programme.get().id(),
                        programme.get().fingerprint(),
                        severity.get().id(),
                        engine.id(),
                        engine.status().version(),
                        catalog.mastering().settings().canonical())
                .getBytes(StandardCharsets.UTF_8));
        return new Prepared(contentKey, script, key, profile.get(), programme.get(), severity.get(), engine, bank);
    }

    private RenderedProgramme renderAndStore(Prepared p) {
        long started = System.nanoTime();
        int rate = catalog.mastering().settings().sampleRate();
        ProgrammeRenderer.Rendering raw;
        try {
            raw = new ProgrammeRenderer(p.engine, p.bank, rate)
                    .render(p.script, p.keyInstruction, p.profile, p.programme.segments(p.severity));
        } catch (SpeechException e) {
            int status = e.reason() == SpeechException.Reason.UNAVAILABLE ? 503 : 502;
            throw new ProblemException(Problem.of(status, "Speech engine failed", e.getMessage()));
        }
        return masterAndStore(
                p.key,
                p.profile.id(),
                p.programme.id(),
                p.severity,
                p.engine.status().version(),
                raw,
                started);
    }

    private RenderedProgramme masterAndStore(
            String key,
            String profileId,
            String programmeId,
            Urgency severity,
            String engine,
            ProgrammeRenderer.Rendering raw,
            long started) {
        Pcm mastered = catalog.mastering().master(raw.audio());
        renders.increment();
        return storeMastered(
                key,
                profileId,
                programmeId,
                severity,
                engine,
                mastered,
                raw.recordedShare(),
                raw.synthesized(),
                started);
    }

    /**
     * Stores audio that is already mastered (a programme, or a staff recording) as WAV and MP3
     * under {@code key}; when another thread or instance stored the key first, that one is kept.
     */
    public RenderedProgramme storeMastered(
            String key,
            String profileId,
            String programmeId,
            Urgency severity,
            String engine,
            Pcm mastered,
            Double recordedShare,
            List<String> synthesized,
            long started) {
        short[] quantised = Wav.quantise(mastered.samples());
        byte[] wav = Wav.write(quantised, mastered.sampleRate());
        byte[] mp3 = Mp3.encode(
                quantised, mastered.sampleRate(), catalog.mastering().settings().mp3BitrateKbps());
        Pcm asStored = Wav.read(wav);
        RenderedProgramme programme = new RenderedProgramme(
                key,
                profileId,
                programmeId,
                severity.id(),
                engine,
                Math.round(asStored.durationSeconds() * 1000),
                LoudnessMeter.integrated(asStored),
                TruePeak.dbtp(asStored),
                asStored.sampleRate(),
                wav.length,
                mp3.length,
                sha256(wav),
                sha256(mp3),
                (System.nanoTime() - started) / 1_000_000,
                clock.instant(),
                recordedShare,
                synthesized);
        try {
            store.store(programme, wav, mp3);
            return programme;
        } catch (AudioStore.AlreadyStored e) {
            return store.find(key).orElseThrow(() -> e);
        }
    }

    private static RenderedProgramme await(CompletableFuture<RenderedProgramme> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
