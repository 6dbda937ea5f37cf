package dev.tocsin.recording;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.compose.spoken.SpokenText;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A phrase bank as staff work on it: every packaged entry with the staff recording that now
 * speaks it (if any), then the phrases and slots recorded that the package does not have. An
 * entry without a recording is spoken by its packaged clip, a synthetic placeholder.
 */
@Path("/api/phrase-banks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class PhraseBankResource {

    private final AudioCatalog catalog;
    private final RecordingService recordings;

    PhraseBankResource(AudioCatalog catalog, RecordingService recordings) {
        this.catalog = catalog;
        this.recordings = recordings;
    }

    /** One entry: {@code packaged} is the packaged clip's file (null when only recorded). */
    public record Entry(String text, String kind, String packaged, RecordingView recording) {}

    public record Bank(String id, int packagedEntries, int recordedEntries, List<Entry> entries) {}

    @GET
    public List<String> list() {
        return catalog.templates().phraseBanks().keySet().stream().sorted().toList();
    }

    @GET
    @Path("{bank}")
    public Bank get(@PathParam("bank") String id) {
        PhraseBank bank = catalog.templates().phraseBanks().get(id);
        if (bank == null) {
            throw ProblemException.notFound("no phrase bank '" + id + "'");
        }
        Map<String, VoiceRecording> recorded = new LinkedHashMap<>();
        for (VoiceRecording r : recordings.current(id)) {
            recorded.put(SpokenText.auto(r.phrase), r);
        }
        List<Entry> entries = new ArrayList<>();
        for (PhraseBank.Clip c : bank.clips()) {
            VoiceRecording r = recorded.remove(c.text());
            entries.add(new Entry(c.text(), kind(c.kind()), c.source(), r == null ? null : RecordingView.of(r)));
        }
        for (VoiceRecording r : recorded.values()) {
            entries.add(new Entry(r.phrase, r.kind.id(), null, RecordingView.of(r)));
        }
        int withRecording =
                (int) entries.stream().filter(e -> e.recording() != null).count();
        return new Bank(id, bank.size(), withRecording, entries);
    }

    private static String kind(PhraseBank.Kind kind) {
        return kind == PhraseBank.Kind.SLOT ? RecordingKind.SLOT.id() : RecordingKind.PHRASE.id();
    }
}
