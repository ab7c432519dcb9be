package io.kafkasse.sink;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/** Headers every event stream needs so that browsers, caches and proxies pass events on at once. */
@Provider
public class StreamHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)) {
            response.getHeaders().putSingle("Cache-Control", "no-cache");
            // nginx buffers responses unless told not to; a buffered stream delivers nothing until the buffer fills.
            response.getHeaders().putSingle("X-Accel-Buffering", "no");
        }
    }
}
