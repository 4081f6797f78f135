package dev.bulwark.server.cli;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.AuditSetup;
import dev.bulwark.server.gateway.DemoSetup;
import dev.bulwark.server.gateway.Gateway;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the gateway (embedded defaults: SQLite, example policies, demo CRM).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = {"-p", "--port"}, description = "port to listen on (overrides the configuration; 0 = any free)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        BulwarkConfig config = options.load();
        if (port != null) {
            config = config.withPort(port);
        }
        Gateway gateway = Gateway.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "bulwark-shutdown"));
        System.out.println("Bulwark " + Gateway.VERSION + " listening on " + gateway.baseUrl());
        System.out.println("  MCP endpoint:   " + gateway.mcpUrl());
        System.out.println("  token endpoint: " + gateway.baseUrl() + "/oauth/token");
        System.out.println("  admin API:      " + gateway.baseUrl() + "/api/v1");
        System.out.println("  data:           " + config.dataPath());
        System.out.println("  tools:          " + gateway.tools().all().size() + ", policies: "
                + gateway.policies().policyCount());
        for (String warning : AuditSetup.warnings(config)) {
            System.out.println("  WARNING: " + warning);
        }
        gateway.auditLog().witnesses().forEach(w -> System.out.println("  audit witness:  " + w.witness()));
        if (gateway.demoCredentials() != null) {
            System.out.println();
            System.out.println("First start: demo agents created. Their API keys (shown once) are in "
                    + config.dataPath().resolve(DemoSetup.FILE) + ".");
        }
        if (Files.exists(config.dataPath().resolve(AdminToken.FIRST_START_FILE))) {
            System.out.println("Admin token: see " + config.dataPath().resolve(AdminToken.FIRST_START_FILE)
                    + " (move it to your secret store, then delete the file).");
        }
        gateway.join();
        return 0;
    }
}
