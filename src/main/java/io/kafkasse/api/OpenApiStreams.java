package io.kafkasse.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.kafkasse.config.NamedStreams;
import io.kafkasse.config.ServiceConfig;

/**
 * Adds this deployment's streams to the API description (META-INF/openapi.yaml, served by each server's MicroProfile
 * OpenAPI at {@code /openapi}): as {@code x-kafka-sse-streams} (stream name to topics) and in the description of the
 * {@code streams} parameter. The server calls it while it deploys the WAR, before the application's beans exist, so
 * it reads the configuration itself, through the same parsing as the service.
 */
public class OpenApiStreams implements OASFilter {

    static final String EXTENSION = "x-kafka-sse-streams";
    private static final String STREAM_PATH = "/v2/stream/{streams}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        NamedStreams streams = ServiceConfig.streamsIn(ConfigProvider.getConfig(OpenApiStreams.class.getClassLoader()));
        Map<String, List<String>> byName = new TreeMap<>(streams.all());
        openAPI.addExtension(EXTENSION, byName);
        PathItem stream = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(STREAM_PATH);
        if (stream == null || stream.getGET() == null || stream.getGET().getParameters() == null) {
            return;
        }
        for (Parameter parameter : stream.getGET().getParameters()) {
            if ("streams".equals(parameter.getName()) && parameter.getIn() == Parameter.In.PATH) {
                parameter.setDescription(parameter.getDescription() + describe(byName));
                parameter.addExtension(EXTENSION, byName);
            }
        }
    }

    private static String describe(Map<String, List<String>> streams) {
        if (streams.isEmpty()) {
            return " No streams are configured: name allowed topics.";
        }
        StringBuilder text = new StringBuilder(" Configured streams:");
        streams.forEach((name, topics) -> text.append(' ').append(name).append(" (").append(String.join(", ", topics)).append(");"));
        return text.append(" and any allowed topic by its own name.").toString();
    }
}
