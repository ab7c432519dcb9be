package io.kafkasse.filter;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.kafkasse.filter.RecordFilter;

/** The filter of one stream: the deployment's filter beans, then the client's own. */
@ApplicationScoped
public class RecordFilters {

    @Inject
    @Any
    Instance<RecordFilter> deploymentFilters;

    /** Whether the deployment has filter beans, which may read a record's raw value. */
    public boolean hasBeans() {
        return deploymentFilters.stream().findAny().isPresent();
    }

    public RecordFilter withBeans(RecordFilter client) {
        List<RecordFilter> beans = deploymentFilters.stream().toList();
        if (beans.isEmpty()) {
            return client;
        }
        List<RecordFilter> all = new ArrayList<>(beans);
        all.add(client);
        return new ClientFilters.AllOf(all.toArray(RecordFilter[]::new));
    }
}
