package dev.tocsin.duty;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The page behind the answer link in a 叫应 SMS. Public (the person has no account); the signed
 * token is the credential. Opening it records the answer once; a used, closed or wrong link
 * answers with a page that says so, never an error page.
 */
@Path("/duty/a/{token}")
@PermitAll
public class DutyLinkResource {

    private final DutyLinks links;
    private final DutyCalls calls;

    DutyLinkResource(DutyLinks links, DutyCalls calls) {
        this.links = links;
        this.calls = calls;
    }

    @GET
    public Response open(@PathParam("token") String token) {
        Optional<DutyLinks.Target> target = links.verify(token);
        if (target.isEmpty()) {
            return page(
                    404,
                    "链接无效",
                    "Invalid link",
                    "此链接无效或不完整，请回复短信“1”确认收到。",
                    "This link is not valid or is incomplete. Reply 1 to the SMS to confirm receipt.");
        }
        DutyPerson person = DutyPerson.findById(target.get().personId());
        String lang = person == null ? "zh-CN" : person.language;
        DutyCalls.Answered result =
                calls.answer(target.get().entryId(), target.get().personId(), AnswerChannel.LINK);
        return switch (result) {
            case RECORDED ->
                page(
                        200,
                        "已确认",
                        "Confirmed",
                        "已确认收到预警，谢谢！",
                        "Your receipt of the warning is confirmed. Thank you.",
                        lang);
            case ALREADY_ANSWERED ->
                page(
                        200,
                        "已确认过",
                        "Already confirmed",
                        "此预警已确认收到，无需再次确认。",
                        "Receipt of this warning was already confirmed; nothing more to do.",
                        lang);
            case CLOSED ->
                page(
                        410,
                        "叫应已结束",
                        "Closed",
                        "此次叫应已结束，本次确认未记录。如有需要请联系值班室。",
                        "This call for confirmation is closed; this answer was not recorded. Contact the duty office if needed.",
                        lang);
            case NOT_ON_ENTRY ->
                page(
                        404,
                        "链接无效",
                        "Invalid link",
                        "此链接无效，请回复短信“1”确认收到。",
                        "This link is not valid. Reply 1 to the SMS to confirm receipt.",
                        lang);
        };
    }

    private static Response page(int status, String zhTitle, String enTitle, String zh, String en) {
        return html(status, "zh-CN", zhTitle + " / " + enTitle, "<p>" + zh + "</p><p lang=\"en\">" + en + "</p>");
    }

    private static Response page(int status, String zhTitle, String enTitle, String zh, String en, String lang) {
        boolean english = "en".equals(lang);
        return html(
                status, english ? "en" : "zh-CN", english ? enTitle : zhTitle, "<p>" + (english ? en : zh) + "</p>");
    }

    private static Response html(int status, String lang, String title, String body) {
        String doc = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>";
        return Response.status(status)
                .type("text/html; charset=UTF-8")
                .header("Cache-Control", "no-store")
                .entity(doc)
                .build();
    }
}
