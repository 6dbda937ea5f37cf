package dev.tocsin.console;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.recording.RecordingService;
import dev.tocsin.recording.VoiceRecording;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * One phrase bank: each packaged phrase and slot with what is spoken for it (the newest console
 * recording, else the packaged clip), entries recorded only in the console, and the recorder per
 * row and for a new entry. Recordings are saved through {@link RecordingsPage}.
 */
@Path("/console/phrase-banks/{bank}")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class PhraseBankPage {

    private final ConsoleView view;
    private final AudioCatalog catalog;
    private final RecordingService recordings;
    private final RecordingRows rows;

    PhraseBankPage(ConsoleView view, AudioCatalog catalog, RecordingService recordings, RecordingRows rows) {
        this.view = view;
        this.catalog = catalog;
        this.recordings = recordings;
        this.rows = rows;
    }

    /**
     * A bank entry: {@code packaged} when the bank's files hold it, {@code recording} when staff
     * recorded it in the console (the version spoken).
     */
    public record Entry(String text, String kind, boolean packaged, RecordingRows.Row recording) {
        public String clipUrl(String bank) {
            return "/console/phrase-banks/" + RecordingsPage.encode(bank) + "/clip?text=" + RecordingsPage.encode(text);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance phraseBank(
                Chrome chrome, String bank, List<Entry> entries, int recorded, String saved);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestPath String bank, @RestQuery String done, @RestQuery String label) {
        PhraseBank b = bank(bank);
        Map<String, VoiceRecording> current = new LinkedHashMap<>();
        recordings.current(b.id()).forEach(r -> current.put(r.phrase, r));
        List<Entry> entries = new ArrayList<>();
        for (PhraseBank.Clip c : b.clips()) {
            VoiceRecording r = current.remove(c.text());
            entries.add(new Entry(
                    c.text(), c.kind().name().toLowerCase(Locale.ROOT), true, r == null ? null : rows.row(r)));
        }
        current.values().forEach(r -> entries.add(new Entry(r.phrase, r.kind.id(), false, rows.row(r))));
        int recorded = (int) entries.stream().filter(e -> e.recording() != null).count();
        return view.render(Templates.phraseBank(
                view.chrome("recordings"), b.id(), entries, recorded, "saved".equals(done) ? label : null));
    }

    /** A packaged clip as WAV, to hear what a console recording would replace. */
    @GET
    @Path("clip")
    @Produces("audio/wav")
    public Response clip(@RestPath String bank, @RestQuery String text) {
        PhraseBank.Clip clip = bank(bank).clips().stream()
                .filter(c -> c.text().equals(text))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("phrase bank " + bank + " has no entry '" + text + "'"));
        return Response.ok(
                        Wav.write(
                                Wav.quantise(clip.audio().samples()),
                                clip.audio().sampleRate()),
                        "audio/wav")
                .build();
    }

    private PhraseBank bank(String id) {
        PhraseBank b = catalog.templates().phraseBanks().get(id);
        if (b == null) {
            throw ProblemException.notFound("no phrase bank " + id);
        }
        return b;
    }
}
