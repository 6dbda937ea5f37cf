package dev.tocsin.agent;

import java.time.Clock;
import java.util.logging.Logger;

/**
 * Runs the terminal agent until stopped: {@code java -jar tocsin-agent.jar} with the settings in
 * the environment (deploy/tocsin-agent.env, docs/TERMINALS.md).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        AgentConfig config;
        try {
            config = AgentConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("tocsin-agent: " + e.getMessage() + " (see deploy/tocsin-agent.env)");
            System.exit(2);
            return;
        }
        Logger.getLogger(Main.class.getName()).info("starting with " + config);
        Agent agent = new Agent(config, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
