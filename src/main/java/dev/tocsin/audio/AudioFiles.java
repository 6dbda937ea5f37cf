package dev.tocsin.audio;

import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.ByteRange;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.platform.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Serves a stored programme over HTTP with ETag and single-range (resume) support. Shared by the
 * staff audio API and the terminal device API so both answer Range the same way.
 */
@ApplicationScoped
public class AudioFiles {

    public static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final AudioService service;

    AudioFiles(AudioService service) {
        this.service = service;
    }

    public Response serve(String key, AudioFormat format, String rangeHeader, String ifNoneMatch) {
        RenderedProgramme p = service.find(key)
                .orElseThrow(() -> ProblemException.notFound("no rendered audio " + key + "." + format.extension()));
        String etag = p.etag(format);
        long size = p.size(format);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                    .build();
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(rangeHeader, size);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.fromResponse(ProblemMappers.response(Problem.forField(
                            416,
                            "Range Not Satisfiable",
                            "Range",
                            "the range '" + rangeHeader + "' lies outside the file of " + size + " bytes")))
                    .header("Content-Range", "bytes */" + size)
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        ByteRange r = range.orElse(new ByteRange(0, size - 1));
        Response.ResponseBuilder b = Response.status(range.isPresent() ? 206 : 200)
                .entity(service.read(key, format, r.from(), r.to()))
                .type(format.mediaType())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header("Accept-Ranges", "bytes");
        range.ifPresent(x -> b.header("Content-Range", "bytes " + x.from() + "-" + x.to() + "/" + size));
        return b.build();
    }
}
