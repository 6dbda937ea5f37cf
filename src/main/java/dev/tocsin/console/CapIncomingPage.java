package dev.tocsin.console;

import dev.tocsin.cap.CapViews;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Incoming CAP warnings, newest first, with the drafts and withdrawal proposals each caused. */
@Path("/console/cap")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CapIncomingPage {

    private final ConsoleView view;
    private final CapViews cap;

    CapIncomingPage(ConsoleView view, CapViews cap) {
        this.view = view;
        this.cap = cap;
    }

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance capIncoming(Chrome chrome, List<CapViews.ReceivedView> rows);
    }

    @GET
    public TemplateInstance list() {
        return view.render(Templates.capIncoming(view.chrome("cap"), cap.recent(100)));
    }
}
