package dev.tocsin.recording;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Staff recordings: decoded, cleaned and mastered ({@link RecordingCleaner}), stored in the audio
 * store under a content key, described and audited here. A notice recording can be a broadcast's
 * loudspeaker audio; phrase and slot recordings are versions of a phrase bank's entries.
 */
@ApplicationScoped
public class RecordingService {

    static final String ACCEPTED = "audio/wav, audio/mpeg (MP3) or audio/flac";
    private static final int MAX_LABEL = 120;
    private static final int MAX_PHRASE = 200;

    private final AudioCatalog catalog;
    private final AudioService audio;
    private final AuditLog audit;
    private final RecordingConfig config;
    private final EntityManager em;
    private final Clock clock;
    private final ConcurrentMap<Long, Pcm> decoded = new ConcurrentHashMap<>();

    RecordingService(
            AudioCatalog catalog,
            AudioService audio,
            AuditLog audit,
            RecordingConfig config,
            EntityManager em,
            Clock clock) {
        this.catalog = catalog;
        this.audio = audio;
        this.audit = audit;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    /** What a recording is saved as: a notice with a label, or a bank's phrase or slot. */
    public record Target(RecordingKind kind, String bank, String phrase, String label) {}

    /** A recording decoded, cleaned and mastered, not stored: what the staff member listens to before saving. */
    public record Mastered(
            byte[] wav, String sourceFormat, long sourceBytes, RecordingCleaner.Cleaned cleaned, Pcm audio) {

        public long durationMs() {
            return Math.round(audio.durationSeconds() * 1000);
        }
    }

    public Mastered master(byte[] body, String mediaType) {
        RecordingDecoder.Format format = RecordingDecoder.Format.of(mediaType)
                .orElseThrow(() -> new ProblemException(Problem.of(
                        415,
                        "Unsupported Media Type",
                        "a recording must be sent as " + ACCEPTED + ", not " + mediaType)));
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("audio", "the request body holds no recording");
        }
        if (body.length > config.maxBytes()) {
            throw new ProblemException(Problem.of(
                    413,
                    "Body too large",
                    "the recording is " + body.length + " bytes; the limit is " + config.maxBytes() + " bytes"));
        }
        Pcm source;
        try {
            source = RecordingDecoder.decode(body, format);
        } catch (RecordingDecoder.Unreadable e) {
            throw ProblemException.badRequest("audio", e.getMessage());
        }
        double seconds = source.durationSeconds();
        if (seconds > config.maxSeconds()) {
            throw ProblemException.badRequest(
                    "audio",
                    String.format("the recording is %.1f s long; the limit is %d s", seconds, config.maxSeconds()));
        }
        if (seconds < config.minSeconds()) {
            throw ProblemException.badRequest(
                    "audio",
                    String.format(
                            "the recording is %.2f s long; it must be at least %.1f s", seconds, config.minSeconds()));
        }
        RecordingCleaner.Cleaned cleaned;
        try {
            cleaned = new RecordingCleaner(catalog.mastering()).clean(source);
        } catch (RecordingCleaner.Silent e) {
            throw ProblemException.badRequest("audio", e.getMessage());
        }
        byte[] wav = Wav.write(
                Wav.quantise(cleaned.audio().samples()), cleaned.audio().sampleRate());
        return new Mastered(wav, format.id(), body.length, cleaned, Wav.read(wav));
    }

    @Transactional
    public VoiceRecording save(byte[] body, String mediaType, Target target, String actor) {
        Target t = validate(target);
        Mastered m = master(body, mediaType);
        String key = storeAudio(m, t.kind());
        VoiceRecording r = new VoiceRecording();
        r.kind = t.kind();
        r.bank = t.bank();
        r.phrase = t.phrase();
        r.label = t.label();
        r.version = t.kind().inBank() ? nextVersion(t.bank(), t.phrase()) : 1;
        r.audioKey = key;
        r.durationMs = m.durationMs();
        r.loudnessLufs = m.cleaned().loudnessLufs();
        r.truePeakDbtp = m.cleaned().truePeakDbtp();
        r.sourceFormat = m.sourceFormat();
        r.sourceBytes = m.sourceBytes();
        r.sourceMs = Math.round(m.cleaned().sourceSeconds() * 1000);
        r.recordedBy = actor;
        r.recordedAt = clock.instant();
        r.persist();
        audit.record(
                actor,
                "recording.saved",
                "recording:" + r.id,
                t.kind().id() + (t.kind().inBank() ? " " + t.bank() + " '" + t.phrase() + "' v" + r.version : "") + " '"
                        + r.label + "', " + r.durationMs + " ms, audio " + key);
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VoiceRecording get(long id) {
        VoiceRecording r = VoiceRecording.findById(id);
        if (r == null) {
            throw ProblemException.notFound("no recording " + id);
        }
        return r;
    }

    /** Where a recording's mastered audio is stored; callable from threads without a transaction (the firer's). */
    @Transactional
    public String audioKey(long id) {
        return get(id).audioKey;
    }

    /** Newest first; {@code kind} and {@code bank} optional; deleted ones only when asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VoiceRecording> list(RecordingKind kind, String bank, boolean withDeleted) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind != null) {
            q.append(" and kind = :kind");
            p.put("kind", kind);
        }
        if (bank != null) {
            q.append(" and bank = :bank");
            p.put("bank", bank);
        }
        if (!withDeleted) {
            q.append(" and deletedAt is null");
        }
        return VoiceRecording.find(q.toString(), Sort.descending("recordedAt", "id"), p)
                .list();
    }

    /** The version of each of a bank's phrases and slots that is spoken: the newest not deleted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VoiceRecording> current(String bank) {
        Map<String, VoiceRecording> newest = new LinkedHashMap<>();
        for (VoiceRecording r : VoiceRecording.<VoiceRecording>find(
                        "bank = ?1 and deletedAt is null", Sort.ascending("phrase", "version"), bank)
                .list()) {
            newest.put(r.phrase, r);
        }
        return new ArrayList<>(newest.values());
    }

    /** A notice recording a broadcast may use; the problem names {@code field}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VoiceRecording usableNotice(long id, String field) {
        VoiceRecording r = VoiceRecording.findById(id);
        if (r == null) {
            throw ProblemException.badRequest(field, "no recording " + id);
        }
        if (r.kind != RecordingKind.NOTICE) {
            throw ProblemException.badRequest(
                    field, "recording " + id + " is a phrase-bank " + r.kind.id() + ", not a notice recording");
        }
        if (r.deleted()) {
            throw ProblemException.badRequest(field, "recording " + id + " was deleted");
        }
        return r;
    }

    /**
     * Deletes (keeps the row and its audio, marked deleted, for the record). Refused while a
     * broadcast that went to approval, or beyond, uses it: its approved sound must stay on record.
     */
    @Transactional
    public VoiceRecording delete(long id, String actor) {
        VoiceRecording r = get(id);
        if (r.deleted()) {
            return r;
        }
        // Counted in SQL: the broadcast package depends on recordings, not the other way round.
        Number inUse = (Number) em.createNativeQuery("SELECT COUNT(*) FROM broadcast WHERE recording_id = ?1"
                        + " AND status NOT IN ('DRAFT', 'REJECTED')")
                .setParameter(1, id)
                .getSingleResult();
        if (inUse.longValue() > 0) {
            throw ProblemException.conflict(
                    "id",
                    "recording " + id + " is the audio of " + inUse + " broadcast(s) sent to approval or approved;"
                            + " it cannot be deleted");
        }
        r.deletedAt = clock.instant();
        r.deletedBy = actor;
        audit.record(actor, "recording.deleted", "recording:" + r.id, r.kind.id() + " '" + r.label + "'");
        return r;
    }

    /** The mastered audio of a recording (immutable, so cached by id). */
    public Pcm audio(VoiceRecording r) {
        return decoded.computeIfAbsent(r.id, id -> {
            RenderedProgramme p = audio.find(r.audioKey)
                    .orElseThrow(() -> new IllegalStateException("audio of recording " + id + " is missing"));
            return Wav.read(audio.read(r.audioKey, AudioFormat.WAV, 0, p.wavBytes() - 1));
        });
    }

    private Target validate(Target t) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (t.kind() == null) {
            errors.add(new Problem.FieldError("kind", "must be notice, phrase or slot"));
            throw ProblemException.invalid(errors);
        }
        String label = blankToNull(t.label());
        String bank = blankToNull(t.bank());
        String phrase = blankToNull(t.phrase());
        if (t.kind().inBank()) {
            if (bank == null) {
                errors.add(new Problem.FieldError(
                        "bank", "is required for a " + t.kind().id()));
            } else if (!catalog.templates().phraseBanks().containsKey(bank)) {
                errors.add(new Problem.FieldError(
                        "bank",
                        "unknown phrase bank '" + bank + "'; known: "
                                + catalog.templates().phraseBanks().keySet().stream()
                                        .sorted()
                                        .toList()));
            }
            if (phrase == null) {
                errors.add(new Problem.FieldError("phrase", "is required: the words the recording says"));
            } else if (phrase.length() > MAX_PHRASE) {
                errors.add(new Problem.FieldError("phrase", "must be at most " + MAX_PHRASE + " characters"));
            } else if (phrase.codePoints().noneMatch(Character::isLetterOrDigit)) {
                errors.add(new Problem.FieldError("phrase", "must hold words, not only punctuation"));
            } else if (phrase.codePoints().anyMatch(c -> "。！？!?；;\n".indexOf(c) >= 0)) {
                errors.add(new Problem.FieldError("phrase", "must be one phrase, without sentence punctuation"));
            }
            if (label == null) {
                label = phrase;
            }
        } else {
            if (bank != null || phrase != null) {
                errors.add(new Problem.FieldError(
                        bank != null ? "bank" : "phrase", "is only for phrase and slot recordings"));
            }
            if (label == null) {
                errors.add(new Problem.FieldError("label", "is required: name the recording for staff"));
            }
        }
        if (label != null && label.length() > MAX_LABEL) {
            errors.add(new Problem.FieldError("label", "must be at most " + MAX_LABEL + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Target(t.kind(), bank, phrase, label);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private int nextVersion(String bank, String phrase) {
        Number max = (Number)
                em.createQuery("SELECT MAX(r.version) FROM VoiceRecording r WHERE r.bank = ?1 AND r.phrase = ?2")
                        .setParameter(1, bank)
                        .setParameter(2, phrase)
                        .getSingleResult();
        return max == null ? 1 : max.intValue() + 1;
    }

    private String storeAudio(Mastered m, RecordingKind kind) {
        String key = sha256(("tocsin-recording\n" + sha256(m.wav())).getBytes(StandardCharsets.UTF_8));
        if (audio.find(key).isEmpty()) {
            // The cleaned samples quantise to exactly the bytes the staff member listened to.
            audio.storeMastered(
                    key,
                    "recording",
                    kind.id(),
                    Urgency.ROUTINE,
                    "recording",
                    m.cleaned().audio(),
                    1.0,
                    List.of(),
                    System.nanoTime());
        }
        return key;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
