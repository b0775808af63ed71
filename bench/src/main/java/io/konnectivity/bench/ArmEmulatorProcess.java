package io.konnectivity.bench;

import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.arm.ArmEmulator;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ARM emulator with many AKS clusters, in a process of its own so that the checking JVM's heap is measured alone.
 * Arguments: clusters, backing sandbox clusters, latency in milliseconds. Prints where to reach it, then runs until its
 * standard input closes.
 */
public final class ArmEmulatorProcess {

    private ArmEmulatorProcess() {}

    public static void main(String[] args) throws Exception {
        int clusters = Integer.parseInt(args[0]);
        int backing = Integer.parseInt(args[1]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[2]));
        List<SandboxCluster> sandboxes = new ArrayList<>();
        for (int i = 0; i < backing; i++) {
            sandboxes.add(SandboxCluster.start(SandboxScenario.builder()
                    .clusterName("backing-" + i)
                    .agentCertificateExpiresIn(Duration.ofDays(20 + 40L * i))
                    .latency(latency)
                    .extraTlsSecrets(false)
                    .build()));
        }
        try (ArmEmulator arm = ArmEmulator.start()) {
            arm.latency(latency).recordRequests(false);
            for (int i = 0; i < clusters; i++) {
                arm.add(EmulatedCluster.builder(String.format("aks-%04d", i), sandboxes.get(i % backing))
                        .resourceGroup("rg-" + i % 10)
                        .rbacEnabled(i % 3 != 0)
                        .build());
            }
            Path directory = Files.createTempDirectory("konnectivity-arm-bench");
            Path ca = Files.writeString(directory.resolve("arm-ca.pem"), arm.caPem());
            Path token = Files.writeString(directory.resolve("token"), arm.token());
            System.out.println("endpoint: " + arm.endpoint());
            System.out.println("ca: " + ca);
            System.out.println("token: " + token);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our standard input
            }
        } finally {
            sandboxes.forEach(SandboxCluster::close);
        }
    }
}
