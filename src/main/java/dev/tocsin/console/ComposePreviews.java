package dev.tocsin.console;

import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.SchedulePreview;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.compose.Renditions;
import dev.tocsin.compose.dialect.DialectProfile;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.dialect.Rewrite;
import dev.tocsin.compose.spoken.Highlight;
import dev.tocsin.compose.spoken.SpokenText;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.recording.RecordingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose page's live preview: the same calls the API's preview endpoints make
 * ({@link ComposeService#render}, {@link BroadcastService#preview}, {@link AudioService#preview}),
 * so what the operator sees and the errors they get are the API's.
 */
@ApplicationScoped
public class ComposePreviews {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ComposeService compose;
    private final BroadcastService broadcasts;
    private final AudioService audio;
    private final TocsinConfig tocsin;
    private final DialectRegistry dialects;
    private final dev.tocsin.broadcast.ScheduleVariables scheduleVariables;

    private final RecordingService recordings;

    ComposePreviews(
            ComposeService compose,
            BroadcastService broadcasts,
            AudioService audio,
            TocsinConfig tocsin,
            DialectRegistry dialects,
            dev.tocsin.broadcast.ScheduleVariables scheduleVariables,
            RecordingService recordings) {
        this.scheduleVariables = scheduleVariables;
        this.recordings = recordings;
        this.dialects = dialects;
        this.compose = compose;
        this.broadcasts = broadcasts;
        this.audio = audio;
        this.tocsin = tocsin;
    }

    public record Sms(String text, String encoding, int segments, int units, Integer limit) {}

    /** A run of the loudspeaker script; {@code from} is the original wording when a dialect rule rewrote it. */
    public record Piece(String text, String from) {}

    /** {@code channel}: the one channel this firing is for (id), null for every channel. */
    public record Planned(String at, String shiftedFrom, String reason, boolean skipped, String channel) {}

    /**
     * A run of the spoken text: {@code kind} (a {@link Highlight.Kind} id) set when it is read other
     * than as written, then {@code written} is what the script has there and {@code pinyin} how it
     * is read; {@code label} the kind in the console's language.
     */
    public record Said(String text, String kind, String written, String pinyin) {
        public boolean marked() {
            return kind != null;
        }
    }

    /** {@code spoken}: what the speech engine is given, in runs, the ones to check marked. */
    public record Preview(
            Map<String, String> errors,
            Sms sms,
            List<Piece> script,
            String dialect,
            List<Planned> occurrences,
            List<Said> spoken) {}

    /**
     * A rendered programme for the console's player: {@code recordedShare} (0..1) of its speech
     * from recordings and what the engine {@code synthesized}, so staff know what to record next
     * (null for programmes stored before they were kept).
     */
    public record Audio(
            String url,
            String wavUrl,
            double durationSeconds,
            String engine,
            Double recordedShare,
            List<String> synthesized,
            Map<String, String> errors) {

        static Audio of(RenderedProgramme p) {
            return new Audio(
                    AudioUrls.mp3(p.key()),
                    AudioUrls.wav(p.key()),
                    p.durationMs() / 1000.0,
                    p.engine(),
                    p.recordedShare(),
                    p.synthesizedParts(),
                    Map.of());
        }

        static Audio failed(Map<String, String> errors) {
            return new Audio(null, null, 0, null, null, null, errors);
        }
    }

    public Preview preview(ComposeForm form) {
        FieldErrors errors = new FieldErrors();
        Map<String, String> parse = new LinkedHashMap<>();
        BroadcastRequest r = form.request(parse);
        errors.addAll(parse);
        Sms sms = null;
        List<Piece> script = List.of();
        String dialect = null;
        List<Said> spoken = List.of();
        try {
            Renditions rendered = rendered(r);
            Renditions.Sms s = rendered.sms();
            sms = new Sms(s.text(), s.encoding().label(), s.segments(), s.units(), s.segmentLimit());
            Renditions.Loudspeaker speaker = rendered.loudspeaker();
            script = pieces(speaker.after(), speaker.rewrites());
            dialect = speaker.dialect();
            spoken = said(SpokenText.annotate(
                    speaker.after(), spokenLanguage(dialect, rendered.language()), speaker.rewrites()));
        } catch (ProblemException e) {
            errors.add(e);
        }
        List<Planned> planned = new ArrayList<>();
        if (r.schedule() != null) {
            try {
                for (BroadcastService.PlannedOccurrence p : broadcasts.preview(SchedulePreview.of(r))) {
                    planned.add(new Planned(
                            local(p.dueAt()),
                            p.shiftedFrom() == null ? null : local(p.shiftedFrom()),
                            p.shiftReason(),
                            p.skipped(),
                            p.channel() == null ? null : p.channel().id()));
                }
            } catch (ProblemException e) {
                errors.add(e);
            }
        }
        return new Preview(errors.asMap(), sms, script, dialect, planned, spoken);
    }

    /** As the broadcast will be rendered: an exercise is marked as one. */
    private Renditions rendered(BroadcastRequest r) {
        // No template: free text ("text is required" when it is empty).
        Renditions rendered = r.templateId() == null
                ? compose.renderText(
                        r.capStatus() == dev.tocsin.broadcast.CapStatus.EXERCISE
                                ? ComposeService.withoutTypedExerciseMark(r.text())
                                : r.text(),
                        r.keyInstruction(),
                        r.language(),
                        r.dialect())
                : compose.render(
                        r.templateId(),
                        null,
                        scheduleVariables.resolve(r.templateId(), null, r.variables(), r.schedule()),
                        r.language(),
                        r.dialect());
        return r.capStatus() == dev.tocsin.broadcast.CapStatus.EXERCISE ? compose.asExercise(rendered) : rendered;
    }

    /** Renders (or finds) the loudspeaker programme of the form's script, in its dialect's voice. */
    public Audio audio(ComposeForm form) {
        FieldErrors errors = new FieldErrors();
        Map<String, String> parse = new LinkedHashMap<>();
        BroadcastRequest r = form.request(parse);
        try {
            Renditions rendered = rendered(r);
            String severity = r.urgency().id();
            // A chosen recording is what the horns will play: the same programme the broadcast will name.
            RenderedProgramme p = r.recordingId() != null
                    ? audio.recorded(recordings.usableNotice(r.recordingId(), "recordingId").audioKey, severity)
                            .programme()
                    : audio.preview(AudioService.Request.composed(
                                    rendered.loudspeaker().after(),
                                    rendered.loudspeaker().dialect(),
                                    severity))
                            .programme();
            return Audio.of(p);
        } catch (ProblemException e) {
            errors.add(e);
            return Audio.failed(errors.asMap());
        }
    }

    String local(Instant t) {
        return LOCAL.format(t.atZone(tocsin.zone()));
    }

    /** The language the speech engines read the script in: the dialect profile's, as the compose service uses. */
    String spokenLanguage(String dialect, String fallback) {
        return dialect == null
                ? fallback
                : dialects.find(dialect).map(DialectProfile::language).orElse(fallback);
    }

    /** The spoken text in runs: plain, and each highlight with what was written and how it is read. */
    static List<Said> said(SpokenText.Annotated a) {
        List<Said> out = new ArrayList<>();
        String spoken = a.spoken();
        int at = 0;
        for (Highlight h : a.highlights()) {
            if (h.start() < at) {
                continue;
            }
            if (h.start() > at) {
                out.add(new Said(spoken.substring(at, h.start()), null, null, null));
            }
            out.add(new Said(h.spoken(), h.kind().id(), h.written(), h.pinyin()));
            at = h.end();
        }
        if (at < spoken.length()) {
            out.add(new Said(spoken.substring(at), null, null, null));
        }
        return out;
    }

    /** Splits the script into plain runs and rewritten runs (positions are in the rewritten text). */
    static List<Piece> pieces(String after, List<Rewrite> rewrites) {
        List<Piece> out = new ArrayList<>();
        int at = 0;
        List<Rewrite> sorted = rewrites == null
                ? List.of()
                : rewrites.stream()
                        .sorted(Comparator.comparingInt(Rewrite::outputPosition))
                        .toList();
        for (Rewrite rw : sorted) {
            int start = rw.outputPosition();
            int end = start + rw.to().length();
            if (start < at || end > after.length()) {
                continue;
            }
            if (start > at) {
                out.add(new Piece(after.substring(at, start), null));
            }
            out.add(new Piece(after.substring(start, end), rw.from()));
            at = end;
        }
        if (at < after.length()) {
            out.add(new Piece(after.substring(at), null));
        }
        return out;
    }
}
