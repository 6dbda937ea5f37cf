package dev.tocsin.console;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.platform.problem.Params;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.recording.RecordingKind;
import dev.tocsin.recording.RecordingService;
import dev.tocsin.recording.VoiceRecording;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Local-voice recordings in the console: the notice recordings with players, the recorder (the
 * page's script encodes what the microphone or a chosen file holds as WAV), the mastered
 * listen-back and the save, all through {@link RecordingService}. Scripts send the CSRF token as
 * a header; refusals of the audio endpoints are the service's problem+json, which the recorder shows.
 */
@Path("/console/recordings")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class RecordingsPage {

    private final ConsoleView view;
    private final RecordingService recordings;
    private final RecordingRows rows;
    private final AudioCatalog catalog;
    private final SecurityIdentity identity;

    RecordingsPage(
            ConsoleView view,
            RecordingService recordings,
            RecordingRows rows,
            AudioCatalog catalog,
            SecurityIdentity identity) {
        this.view = view;
        this.recordings = recordings;
        this.rows = rows;
        this.catalog = catalog;
        this.identity = identity;
    }

    /** A line after a redirect ({@code saved}, {@code deleted}) or a refusal shown in place. */
    public record Notice(String kind, String label, String error) {}

    /** A phrase bank as the page links it. */
    public record Bank(String id, int entries, int recorded) {}

    /** Where the recorder goes after a save. */
    public record Saved(long id, String next) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance recordings(
                Chrome chrome, List<RecordingRows.Row> notices, List<Bank> banks, Notice notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@RestQuery String done, @RestQuery String label) {
        return page(done == null ? null : new Notice(done, label, null));
    }

    /** The cleaned, mastered WAV of the body, not stored: what the recorder plays back before saving. */
    @POST
    @Path("mastered")
    @Consumes(MediaType.WILDCARD)
    @Produces("audio/wav")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response mastered(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type) {
        RecordingService.Mastered m = recordings.master(body, type);
        return Response.ok(m.wav(), "audio/wav")
                .header("X-Recording-Duration-Ms", m.durationMs())
                .header("X-Recording-Loudness-Lufs", oneDecimal(m.cleaned().loudnessLufs()))
                .header("X-Recording-True-Peak-Dbtp", oneDecimal(m.cleaned().truePeakDbtp()))
                .build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response save(
            byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @RestQuery String kind,
            @RestQuery String label,
            @RestQuery String bank,
            @RestQuery String phrase) {
        RecordingKind k = RecordingKind.parse(kind == null ? "" : kind.strip())
                .orElseThrow(() -> ProblemException.badRequest("kind", "must be notice, phrase or slot"));
        VoiceRecording r = recordings.save(
                body,
                type,
                new RecordingService.Target(k, bank, phrase, label),
                identity.getPrincipal().getName());
        String done = "?done=saved&label=" + encode(r.label);
        String next = k.inBank() ? "/console/phrase-banks/" + encode(r.bank) + done : "/console/recordings" + done;
        return Response.status(201).entity(new Saved(r.id, next)).build();
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response delete(@RestPath String id) {
        try {
            VoiceRecording r = recordings.delete(
                    Params.id("id", id), identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/console/recordings?done=deleted&label=" + encode(r.label)))
                    .build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(new Notice("error", null, e.problem().detail()))
                            .render())
                    .build();
        }
    }

    private TemplateInstance page(Notice notice) {
        List<Bank> banks = catalog.templates().phraseBanks().values().stream()
                .map(b -> new Bank(b.id(), b.size(), recordings.current(b.id()).size()))
                .sorted(java.util.Comparator.comparing(Bank::id))
                .toList();
        return view.render(Templates.recordings(view.chrome("recordings"), rows.notices(), banks, notice));
    }

    static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
