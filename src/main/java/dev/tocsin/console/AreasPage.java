package dev.tocsin.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The area tree, read-only, with residents and terminals counted per subtree. */
@Path("/console/areas")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class AreasPage {

    private final ConsoleView view;
    private final ConsoleOverview overview;

    AreasPage(ConsoleView view, ConsoleOverview overview) {
        this.view = view;
        this.overview = overview;
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance areas(Chrome chrome, List<ConsoleOverview.AreaRow> rows);
    }

    @GET
    public TemplateInstance tree() {
        return view.render(Templates.areas(view.chrome("areas"), overview.areaTree()));
    }
}
