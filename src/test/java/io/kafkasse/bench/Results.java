package io.kafkasse.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one benchmark run measured, in the order it was measured. */
record Results(List<ScenarioResult> fanOut, List<StormResult> storm, List<DrainScenario.Result> drain,
               List<IdleScenario.Result> idle, List<BurstScenario.Result> burst, List<TopicsScenario.Result> topics,
               List<WindowScenario.Result> window, List<RestartScenario.Result> restart, List<SoakScenario.Result> soak,
               List<String> failures) {

    Results() {
        this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
}
