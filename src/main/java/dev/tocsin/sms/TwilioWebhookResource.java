package dev.tocsin.sms;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Twilio's callbacks. Public, because Twilio cannot log in: every request must carry a valid
 * X-Twilio-Signature for the configured public URL, or it is refused with 403 and nothing is kept.
 */
@Path("/webhooks/twilio")
@PermitAll
public class TwilioWebhookResource {

    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final WebhookVerifier verifier;
    private final StatusService statuses;
    private final InboundService inbound;

    TwilioWebhookResource(WebhookVerifier verifier, StatusService statuses, InboundService inbound) {
        this.verifier = verifier;
        this.statuses = statuses;
        this.inbound = inbound;
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response status(
            MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri) {
        checkSignature(TwilioAccount.STATUS_PATH, uri, form, signature);
        String sid = form.getFirst("MessageSid");
        String status = form.getFirst("MessageStatus");
        if (sid == null || !SID.matcher(sid).matches()) {
            throw ProblemException.badRequest("MessageSid", "must be a Twilio message SID");
        }
        if (status == null || !status.matches("[a-z_]{3,32}")) {
            throw ProblemException.badRequest("MessageStatus", "must be a Twilio message status");
        }
        Integer errorCode = parseCode(form.getFirst("ErrorCode"));
        statuses.onCallback(sid, status, errorCode);
        return Response.noContent().build();
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public String inbound(
            MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri) {
        checkSignature(TwilioAccount.INBOUND_PATH, uri, form, signature);
        String from = form.getFirst("From");
        if (from == null || !E164.matcher(from).matches()) {
            throw ProblemException.badRequest("From", "must be an E.164 phone number");
        }
        return inbound.handle(from, form.getFirst("Body"));
    }

    private void checkSignature(String path, UriInfo uri, MultivaluedMap<String, String> form, String signature) {
        if (!verifier.verify(path, uri.getRequestUri().getRawQuery(), form, signature)) {
            throw ProblemException.forbidden("X-Twilio-Signature does not match this request");
        }
    }

    private static Integer parseCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("ErrorCode", "must be a number");
        }
    }
}
