package dev.tocsin.audio;

import dev.tocsin.compose.spoken.PlaceNames;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The district's place names and how the loudspeaker says them; staff add and correct them here. */
@Path("/api/audio/place-names")
@Produces(MediaType.APPLICATION_JSON)
public class PlaceNameResource {

    private final PlaceNames placeNames;

    PlaceNameResource(PlaceNames placeNames) {
        this.placeNames = placeNames;
    }

    public record PlaceNameRequest(String name, String pinyin) {}

    /** Every name: {@code staff} marks the ones staff added or corrected (with the packaged reading, if any). */
    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<PlaceNames.Entry> list() {
        return placeNames.entries();
    }

    /** Adds a name or corrects its reading; kept in the data directory across restarts. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public PlaceNames.PlaceName add(PlaceNameRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "request body with name and pinyin is required");
        }
        return placeNames.add(body.name(), body.pinyin());
    }

    /** Removes a name staff added; a corrected packaged name is read as packaged again. */
    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response remove(@PathParam("name") String name) {
        placeNames.remove(name);
        return Response.noContent().build();
    }
}
