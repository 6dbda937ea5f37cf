package dev.tocsin.console;

import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastAudio;
import dev.tocsin.broadcast.BroadcastPreview;
import dev.tocsin.broadcast.BroadcastReports;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.recording.RecordingService;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Broadcasts: the list, one broadcast's detail with its live delivery report, cancel, and its audio. */
@Path("/console/broadcasts")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class BroadcastsPage {

    private final ConsoleView view;
    private final BroadcastService broadcasts;
    private final BroadcastCards cards;
    private final BroadcastProgress progress;
    private final BroadcastPreview preview;
    private final AudioService audio;
    private final BroadcastAudio broadcastAudio;
    private final SecurityIdentity identity;
    private final TemplateCatalogue catalogue;
    private final RecordingService recordings;
    private final RecordingRows recordingRows;

    BroadcastsPage(
            ConsoleView view,
            BroadcastService broadcasts,
            BroadcastCards cards,
            BroadcastProgress progress,
            BroadcastPreview preview,
            AudioService audio,
            BroadcastAudio broadcastAudio,
            SecurityIdentity identity,
            TemplateCatalogue catalogue,
            RecordingService recordings,
            RecordingRows recordingRows) {
        this.recordings = recordings;
        this.recordingRows = recordingRows;
        this.view = view;
        this.broadcasts = broadcasts;
        this.cards = cards;
        this.progress = progress;
        this.preview = preview;
        this.audio = audio;
        this.broadcastAudio = broadcastAudio;
        this.identity = identity;
        this.catalogue = catalogue;
    }

    public record Notice(String kind, String text) {}

    /**
     * One broadcast in the list: {@code what} is its title, else its template's name in the
     * console's language; {@code updated} its last change in the district's zone.
     */
    public record Row(BroadcastReports.Summary b, String what, String updated) {}

    /** The progress fragment as JSON: whether to keep polling, and the report's HTML. */
    public record Live(boolean live, String status, long delivered, String html) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance broadcasts(Chrome chrome, List<Row> rows, String status, List<String> statuses);

        static native TemplateInstance broadcast(
                Chrome chrome,
                BroadcastCards.Card card,
                BroadcastProgress.Progress progress,
                Notice notice,
                RecordingRows.Row recording);

        /** The report alone, for polling; the detail page includes the same template. */
        static native TemplateInstance progress(BroadcastProgress.Progress progress);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@RestQuery String status) {
        BroadcastStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = BroadcastStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "unknown status '" + status + "'");
            }
        }
        Map<String, Map<String, String>> names = catalogue.list(true).stream()
                .collect(java.util.stream.Collectors.toMap(
                        TemplateCatalogue.Summary::id, TemplateCatalogue.Summary::name));
        List<Row> rows = broadcasts.list(s, null, null).stream()
                .map(BroadcastReports.Summary::of)
                .map(b -> new Row(b, what(b, names), cards.local(b.updatedAt())))
                .toList();
        return view.render(Templates.broadcasts(
                view.chrome("broadcasts"),
                rows,
                status == null ? "" : status,
                java.util.Arrays.stream(BroadcastStatus.values())
                        .map(x -> x.name().toLowerCase())
                        .toList()));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@RestPath long id, @RestQuery String done, @RestQuery String error) {
        Notice notice = done != null ? new Notice(done, null) : error != null ? new Notice("error", error) : null;
        Long recordingId = broadcasts.find(id).recordingId;
        return view.render(Templates.broadcast(
                view.chrome("broadcasts"),
                cards.card(id),
                progress.progress(id),
                notice,
                recordingId == null ? null : recordingRows.row(recordings.get(recordingId))));
    }

    @GET
    @Path("{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    public Live live(@RestPath long id) {
        BroadcastProgress.Progress p = progress.progress(id);
        long delivered = p.occurrences().stream()
                .mapToLong(BroadcastProgress.OccurrenceProgress::smsDelivered)
                .sum();
        String html = view.render(Templates.progress(p)).render();
        return new Live(p.live(), p.status(), delivered, html);
    }

    /** The programme that goes (or went) to the loudspeakers: the fired one if any, else rendered from the script. */
    @POST
    @Path("{id}/audio")
    @Produces(MediaType.APPLICATION_JSON)
    public ComposePreviews.Audio audio(@RestPath long id) {
        Broadcast b = broadcasts.find(id);
        String key = broadcasts.occurrences(id).stream()
                .map((Occurrence o) -> o.audioKey)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        try {
            RenderedProgramme p;
            if (key != null) {
                p = audio.find(key).orElseThrow(() -> ProblemException.notFound("audio " + key + " is gone"));
            } else if (b.recordingId != null) {
                p = broadcastAudio.programme(b).programme();
            } else {
                BroadcastPreview.Content c = preview.content(b);
                p = audio.preview(AudioService.Request.composed(c.script(), c.audioProfile(), c.severity()))
                        .programme();
            }
            return ComposePreviews.Audio.of(p);
        } catch (ProblemException e) {
            FieldErrors errors = new FieldErrors();
            errors.add(e);
            return ComposePreviews.Audio.failed(errors.asMap());
        }
    }

    /** Cancelling twice is refused by the service (409) and shown, so a double click changes nothing more. */
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@RestPath long id, @RestForm String reason) {
        try {
            broadcasts.cancel(identity.getPrincipal().getName(), id, reason);
            return Response.seeOther(URI.create("/console/broadcasts/" + id + "?done=cancelled"))
                    .build();
        } catch (ProblemException e) {
            return Response.seeOther(URI.create("/console/broadcasts/" + id + "?error="
                            + URLEncoder.encode(e.problem().detail(), StandardCharsets.UTF_8)))
                    .build();
        }
    }

    private String what(BroadcastReports.Summary b, Map<String, Map<String, String>> names) {
        if (b.title() != null) {
            return b.title();
        }
        if (b.templateId() == null) {
            return "";
        }
        Map<String, String> name = names.getOrDefault(b.templateId(), Map.of());
        return name.getOrDefault(view.language().tag(), name.getOrDefault("en", b.templateId()));
    }
}
