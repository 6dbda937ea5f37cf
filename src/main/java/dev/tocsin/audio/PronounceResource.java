package dev.tocsin.audio;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.compose.dialect.Refusal;
import dev.tocsin.compose.spoken.Highlight;
import dev.tocsin.compose.spoken.PronounceService;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the loudspeaker will say for a text: the spoken text and, for Chinese, each syllable's reading. */
@Path("/api/audio/pronounce")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class PronounceResource {

    private final PronounceService service;

    PronounceResource(PronounceService service) {
        this.service = service;
    }

    public record PronounceRequest(String text, String profile) {}

    public record SyllableView(String text, String pinyin) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PronounceResponse(
            String spoken, List<SyllableView> syllables, List<Refusal> refusals, List<Highlight> highlights) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PronounceResponse pronounce(PronounceRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("text", "request body with text and profile is required");
        }
        PronounceService.Pronunciation p = service.pronounce(body.text(), body.profile());
        return new PronounceResponse(
                p.spoken(),
                p.syllables() == null
                        ? null
                        : p.syllables().stream()
                                .map(s -> new SyllableView(s.text(), s.pinyin()))
                                .toList(),
                p.refusals().isEmpty() ? null : p.refusals(),
                p.highlights());
    }
}
