package dev.roster.core;

import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every function does once per execution environment, when Lambda builds its handler: names itself in
 * the log, picks the metrics namespace, and registers its priming to run before the SnapStart snapshot.
 */
public final class FunctionSetup {
    private FunctionSetup() {}

    /**
     * Returns {@code priming}, which the handler keeps in a field: the CRaC context may hold its resources
     * weakly, and an unreferenced priming would not run.
     */
    public static <T extends Resource> T init(String function, Env env, T priming) {
        Log.function(function);
        Metrics.namespace(env.optional("METRICS_NAMESPACE", Metrics.DEFAULT_NAMESPACE));
        Core.getGlobalContext().register(priming);
        return priming;
    }
}
