package dev.tocsin.duty;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.sms.WebhookVerifier;
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
import org.jboss.logging.Logger;

/**
 * Twilio's callbacks for 叫应 voice calls: the key pressed (Gather action) and the call's final
 * status. Public, because Twilio cannot log in: each request must carry a valid
 * X-Twilio-Signature for the configured public URL (query included), or it is refused with 403
 * and nothing is kept, exactly as the SMS webhooks.
 */
@Path("/api/twilio/voice")
@PermitAll
public class DutyVoiceResource {

    private static final Logger LOG = Logger.getLogger(DutyVoiceResource.class);
    private static final Pattern ROW = Pattern.compile("[0-9]{1,18}");
    private static final Pattern SID = Pattern.compile("CA[0-9a-fA-F]{32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]{0,16}");
    private static final Pattern STATUS = Pattern.compile("[a-z-]{3,16}");

    private final WebhookVerifier verifier;
    private final DutyVoiceCalls voice;
    private final DutyCalls calls;

    DutyVoiceResource(WebhookVerifier verifier, DutyVoiceCalls voice, DutyCalls calls) {
        this.verifier = verifier;
        this.voice = voice;
        this.calls = calls;
    }

    @POST
    @Path("/gather")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @APIResponse(responseCode = "200", description = "TwiML: thanks for a 1, nothing for other keys")
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature does not match this request")
    public String gather(
            MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri) {
        checkSignature(DutyVoiceClient.GATHER_PATH, uri, form, signature);
        long row = row(uri);
        String sid = sid(form);
        String digits = form.getFirst("Digits");
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw ProblemException.badRequest("Digits", "must be the keys pressed (0-9, * and #, at most 16)");
        }
        var gathered = voice.onGather(row, sid, digits);
        if (gathered.isEmpty() || !digits.equals("1")) {
            return DutyVoiceTwiml.empty();
        }
        DutyCalls.Answered a =
                calls.answer(gathered.get().entryId(), gathered.get().personId(), AnswerChannel.CALL);
        if (a == DutyCalls.Answered.RECORDED || a == DutyCalls.Answered.ALREADY_ANSWERED) {
            return DutyVoiceTwiml.thanks(gathered.get().language());
        }
        LOG.infof("叫应 call %d: 1 pressed on a closed 叫应 (%s); recorded, ignored", row, a);
        return DutyVoiceTwiml.empty();
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature does not match this request")
    public Response status(
            MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri) {
        checkSignature(DutyVoiceClient.STATUS_PATH, uri, form, signature);
        long row = row(uri);
        String sid = sid(form);
        String status = form.getFirst("CallStatus");
        if (status == null || !STATUS.matcher(status).matches()) {
            throw ProblemException.badRequest("CallStatus", "must be a Twilio call status");
        }
        voice.onStatus(row, sid, status);
        return Response.noContent().build();
    }

    private static long row(UriInfo uri) {
        String c = uri.getQueryParameters().getFirst("c");
        if (c == null || !ROW.matcher(c).matches()) {
            throw ProblemException.badRequest("c", "must be the call's number from the callback URL");
        }
        return Long.parseLong(c);
    }

    private static String sid(MultivaluedMap<String, String> form) {
        String sid = form.getFirst("CallSid");
        if (sid == null || !SID.matcher(sid).matches()) {
            throw ProblemException.badRequest("CallSid", "must be a Twilio call SID");
        }
        return sid;
    }

    private void checkSignature(String path, UriInfo uri, MultivaluedMap<String, String> form, String signature) {
        if (!verifier.verify(path, uri.getRequestUri().getRawQuery(), form, signature)) {
            throw ProblemException.forbidden("X-Twilio-Signature does not match this request");
        }
    }
}
