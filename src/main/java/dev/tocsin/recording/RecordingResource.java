package dev.tocsin.recording;

import dev.tocsin.platform.problem.Params;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Local-voice recordings: the body is the audio itself (WAV, MP3 or FLAC, by Content-Type).
 * {@code POST /api/recordings/mastered} answers with the cleaned, mastered WAV without storing
 * anything, so staff hear what will be broadcast before saving it.
 */
@Path("/api/recordings")
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class RecordingResource {

    private final RecordingService recordings;
    private final SecurityIdentity identity;

    RecordingResource(RecordingService recordings, SecurityIdentity identity) {
        this.recordings = recordings;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<RecordingView> list(
            @QueryParam("kind") String kind, @QueryParam("bank") String bank, @QueryParam("deleted") String deleted) {
        return recordings.list(kind(kind), bank, bool("deleted", deleted)).stream()
                .map(RecordingView::of)
                .toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public RecordingView get(@PathParam("id") String id) {
        return RecordingView.of(recordings.get(Params.id("id", id)));
    }

    @POST
    @Path("mastered")
    @Consumes(MediaType.WILDCARD)
    @Produces("audio/wav")
    public Response mastered(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type) {
        RecordingService.Mastered m = recordings.master(body, type);
        return Response.ok(m.wav(), "audio/wav")
                .header("X-Recording-Duration-Ms", m.durationMs())
                .header(
                        "X-Recording-Loudness-Lufs",
                        String.format(Locale.ROOT, "%.1f", m.cleaned().loudnessLufs()))
                .header(
                        "X-Recording-True-Peak-Dbtp",
                        String.format(Locale.ROOT, "%.1f", m.cleaned().truePeakDbtp()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(
            byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @QueryParam("kind") String kind,
            @QueryParam("bank") String bank,
            @QueryParam("phrase") String phrase,
            @QueryParam("label") String label) {
        RecordingKind k = kind(kind);
        if (k == null) {
            throw ProblemException.badRequest("kind", "is required: notice, phrase or slot");
        }
        VoiceRecording r = recordings.save(body, type, new RecordingService.Target(k, bank, phrase, label), actor());
        return Response.created(URI.create("/api/recordings/" + r.id))
                .entity(RecordingView.of(r))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public RecordingView delete(@PathParam("id") String id) {
        return RecordingView.of(recordings.delete(Params.id("id", id), actor()));
    }

    private static RecordingKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        return RecordingKind.parse(kind.strip())
                .orElseThrow(() -> ProblemException.badRequest("kind", "must be notice, phrase or slot"));
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest(name, "must be true or false");
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
