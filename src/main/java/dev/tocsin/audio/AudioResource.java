package dev.tocsin.audio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.Problem;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * Either a ready {@code script} (with {@code profile}, {@code severity}, optional
     * {@code programme} and {@code keyInstruction}) or a notice template ({@code templateId},
     * optional {@code templateVersion}, {@code variables}, {@code language}, optional
     * {@code dialect}, {@code severity}, {@code programme}).
     */
    public record PreviewRequest(
            String script,
            String profile,
            String severity,
            String programme,
            String keyInstruction,
            String templateId,
            Integer templateVersion,
            Map<String, JsonNode> variables,
            String language,
            String dialect) {}

    /**
     * The template fields are present for template previews only; {@code script} is then what was
     * spoken. {@code recordedShare} (0..1, of the speech) and {@code synthesized} (what the engine
     * said) tell staff what to record next; absent for programmes stored before they were kept.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewResponse(
            String key,
            String profile,
            String programme,
            String severity,
            String engine,
            double durationSeconds,
            double integratedLufs,
            double truePeakDbtp,
            int sampleRate,
            long wavBytes,
            long mp3Bytes,
            String contentHash,
            String mp3Url,
            String wavUrl,
            boolean cached,
            long renderMs,
            Double recordedShare,
            List<String> synthesized,
            String templateId,
            Integer templateVersion,
            String language,
            String dialect,
            String script,
            String keyInstruction) {}

    public record EngineListing(
            List<dev.tocsin.audio.speech.EngineStatus> engines, List<AudioCatalog.ProfileStatus> profiles) {}

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public PreviewResponse preview(PreviewRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("script", "request body with script or templateId is required");
        }
        boolean script = body.script() != null;
        boolean template = body.templateId() != null;
        if (script == template) {
            String detail = script ? "give script or templateId, not both" : "script or templateId is required";
            throw ProblemException.invalid(
                    List.of(new Problem.FieldError("script", detail), new Problem.FieldError("templateId", detail)));
        }
        if (script) {
            refuse(
                    "with script",
                    List.of("templateVersion", "variables", "language", "dialect"),
                    body.templateVersion(),
                    body.variables(),
                    body.language(),
                    body.dialect());
            AudioService.Result result = service.preview(new AudioService.Request(
                    body.script(), body.profile(), body.severity(), body.programme(), body.keyInstruction()));
            return response(result, null, null);
        }
        refuse(
                "with templateId (the voice follows the dialect and the template's key instruction is repeated)",
                List.of("profile", "keyInstruction"),
                body.profile(),
                body.keyInstruction());
        AudioService.TemplateResult t = service.previewTemplate(new AudioService.TemplateRequest(
                body.templateId(),
                body.templateVersion(),
                body.variables(),
                body.language(),
                body.dialect(),
                body.severity(),
                body.programme()));
        return response(t.result(), t.speech(), t.keyInstruction());
    }

    private static void refuse(String context, List<String> fields, Object... values) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (values[i] != null) {
                errors.add(new Problem.FieldError(fields.get(i), "not allowed " + context));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private PreviewResponse response(AudioService.Result result, ComposeService.Speech speech, String keyInstruction) {
        RenderedProgramme p = result.programme();
        String base = tocsin.publicUrl() + "/api/audio/" + p.key();
        return new PreviewResponse(
                p.key(),
                p.profileId(),
                p.programmeId(),
                p.severity(),
                p.engine(),
                p.durationMs() / 1000.0,
                round(p.loudnessLufs()),
                round(p.truePeakDbtp()),
                p.sampleRate(),
                p.wavBytes(),
                p.mp3Bytes(),
                p.wavSha256(),
                base + ".mp3",
                base + ".wav",
                result.cached(),
                p.renderMs(),
                p.recordedShare() == null ? null : round(p.recordedShare() * 1000) / 1000,
                p.synthesizedParts(),
                speech == null ? null : speech.templateId(),
                speech == null ? null : speech.templateVersion(),
                speech == null ? null : speech.language(),
                speech == null ? null : speech.dialect(),
                speech == null ? null : speech.body(),
                keyInstruction);
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
    public Response file(
            @PathParam("key") String key,
            @PathParam("ext") String ext,
            @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return files.serve(key, AudioFormat.ofExtension(ext).orElseThrow(), range, ifNoneMatch);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
