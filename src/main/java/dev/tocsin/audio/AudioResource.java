package dev.tocsin.audio;

import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Loudspeaker audio API. Previews are for staff. Rendered files are public: their names are
 * SHA-256 content keys (unguessable, and they only exist for notices staff rendered), and
 * terminals and the browser's audio element fetch them without staff credentials.
 */
@Path("/api/audio")
public class AudioResource {

    private final AudioService service;
    private final AudioCatalog catalog;
    private final TocsinConfig tocsin;
    private final AudioFiles files;

    AudioResource(AudioService service, AudioCatalog catalog, TocsinConfig tocsin, AudioFiles files) {
        this.service = service;
        this.catalog = catalog;
        this.tocsin = tocsin;
        this.files = files;
    }

    public record PreviewRequest(String script, String profile, String severity, String programme, String keyInstruction) {
    }

    public record PreviewResponse(String key, String profile, String programme, String severity, String engine,
            double durationSeconds, double integratedLufs, double truePeakDbtp, int sampleRate, long wavBytes,
            long mp3Bytes, String contentHash, String mp3Url, String wavUrl, boolean cached, long renderMs) {
    }

    public record EngineListing(List<dev.tocsin.audio.speech.EngineStatus> engines, List<AudioCatalog.ProfileStatus> profiles) {
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public PreviewResponse preview(PreviewRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("script", "request body with script, profile and severity is required");
        }
        AudioService.Result result = service.preview(new AudioService.Request(body.script(), body.profile(),
                body.severity(), body.programme(), body.keyInstruction()));
        RenderedProgramme p = result.programme();
        String base = tocsin.publicUrl() + "/api/audio/" + p.key();
        return new PreviewResponse(p.key(), p.profileId(), p.programmeId(), p.severity(), p.engine(),
                p.durationMs() / 1000.0, round(p.loudnessLufs()), round(p.truePeakDbtp()), p.sampleRate(),
                p.wavBytes(), p.mp3Bytes(), p.wavSha256(), base + ".mp3", base + ".wav", result.cached(), p.renderMs());
    }

    @GET
    @Path("/engines")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public EngineListing engines() {
        return new EngineListing(catalog.engines().statuses(), catalog.profiles());
    }

    @GET
    @Path("/{key: [0-9a-f]{64}}.{ext: mp3|wav}")
    @PermitAll
    public Response file(@PathParam("key") String key, @PathParam("ext") String ext,
            @HeaderParam("Range") String range, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return files.serve(key, AudioFormat.ofExtension(ext).orElseThrow(), range, ifNoneMatch);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
