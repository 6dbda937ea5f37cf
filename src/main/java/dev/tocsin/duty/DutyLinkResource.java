package dev.tocsin.duty;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The page behind the answer link in a 叫应 SMS. Public (the person has no account); the signed
 * token is the credential. Opening the link (GET) only shows a confirm button: messaging apps
 * fetch links to preview them, and a preview must never count as a person's answer. The tap
 * (POST) records the answer once. A used, closed or wrong link answers with a page that says
 * so, never an error page.
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
            return invalid();
        }
        DutyCalls.Answered state =
                calls.peek(target.get().entryId(), target.get().personId());
        if (state != DutyCalls.Answered.OPEN) {
            return outcome(state, language(target.get()));
        }
        boolean english = "en".equals(language(target.get()));
        String button = english ? "Confirm receipt" : "确认收到";
        String text = english ? "Tap the button to confirm you received the warning." : "请点击下方按钮，确认已收到预警。";
        return html(
                200,
                english ? "en" : "zh-CN",
                english ? "Confirm receipt" : "确认收到预警",
                "<p>" + text + "</p><form method=\"post\"><button type=\"submit\" style=\"font-size:1.5em;"
                        + "padding:.6em 1.2em\">" + button + "</button></form>");
    }

    @POST
    public Response confirm(@PathParam("token") String token) {
        Optional<DutyLinks.Target> target = links.verify(token);
        if (target.isEmpty()) {
            return invalid();
        }
        DutyCalls.Answered result =
                calls.answer(target.get().entryId(), target.get().personId(), AnswerChannel.LINK);
        return outcome(result, language(target.get()));
    }

    private static String language(DutyLinks.Target target) {
        DutyPerson person = DutyPerson.findById(target.personId());
        return person == null ? "zh-CN" : person.language;
    }

    private static Response invalid() {
        String title = "链接无效 / Invalid link";
        return html(
                404,
                "zh-CN",
                title,
                "<p>此链接无效或不完整，请回复短信“1”确认收到。</p><p lang=\"en\">"
                        + "This link is not valid or is incomplete. Reply 1 to the SMS to confirm receipt.</p>");
    }

    private static Response outcome(DutyCalls.Answered result, String lang) {
        return switch (result) {
            case RECORDED ->
                page(
                        200,
                        "已确认",
                        "Confirmed",
                        "已确认收到预警，谢谢！",
                        "Your receipt of the warning is confirmed. Thank you.",
                        lang);
            case ALREADY_ANSWERED, OPEN ->
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

    private static Response page(int status, String zhTitle, String enTitle, String zh, String en, String lang) {
        boolean english = "en".equals(lang);
        return html(
                status, english ? "en" : "zh-CN", english ? enTitle : zhTitle, "<p>" + (english ? en : zh) + "</p>");
    }

    /** The token is in the URL: no referrer leaves this page, and nothing but this form runs. */
    private static Response html(int status, String lang, String title, String body) {
        String doc = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>";
        return Response.status(status)
                .type("text/html; charset=UTF-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .entity(doc)
                .build();
    }
}
