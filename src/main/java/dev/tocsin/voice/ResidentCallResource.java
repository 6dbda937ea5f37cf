package dev.tocsin.voice;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.sms.WebhookVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Twilio's final status of a resident's voice call. Public, because Twilio cannot log in: the
 * request must carry a valid X-Twilio-Signature for the configured public URL (query included),
 * or it is refused with 403 and nothing is kept, exactly as the 叫应 call webhooks.
 */
@Path(ResidentCalls.STATUS_PATH)
@PermitAll
public class ResidentCallResource {

    private static final Pattern ROW = Pattern.compile("[0-9]{1,18}");
    private static final Pattern SID = Pattern.compile("CA[0-9a-fA-F]{32}");
    private static final Pattern STATUS = Pattern.compile("[a-z-]{3,16}");

    private final WebhookVerifier verifier;
    private final ResidentCalls calls;

    ResidentCallResource(WebhookVerifier verifier, ResidentCalls calls) {
        this.verifier = verifier;
        this.calls = calls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature does not match this request")
    public Response status(
            MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri) {
        if (!verifier.verify(ResidentCalls.STATUS_PATH, uri.getRequestUri().getRawQuery(), form, signature)) {
            throw ProblemException.forbidden("X-Twilio-Signature does not match this request");
        }
        String c = uri.getQueryParameters().getFirst("c");
        if (c == null || !ROW.matcher(c).matches()) {
            throw ProblemException.badRequest("c", "must be the call's number from the callback URL");
        }
        String sid = form.getFirst("CallSid");
        if (sid == null || !SID.matcher(sid).matches()) {
            throw ProblemException.badRequest("CallSid", "must be a Twilio call SID");
        }
        String status = form.getFirst("CallStatus");
        if (status == null || !STATUS.matcher(status).matches()) {
            throw ProblemException.badRequest("CallStatus", "must be a Twilio call status");
        }
        calls.onStatus(Long.parseLong(c), sid, status);
        return Response.noContent().build();
    }
}
