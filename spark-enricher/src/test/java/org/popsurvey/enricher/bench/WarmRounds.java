package org.popsurvey.enricher.bench;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.enricher.EnrichCommand;

/**
 * Runs one benchmark job several times in one JVM, each round on fresh output and checkpoint
 * folders ({@code {round}} in an argument is replaced by the round number): the first round is what
 * a freshly started job costs, JIT compilation of everything it touches included; a later round
 * shows the job's throughput once the JVM is warm, as a long-running stream sees it.
 *
 * <p>Usage: {@code WarmRounds ROUNDS enrich|baseline ARGS...}; each round prints the job's own
 * summary line, then {@code round N: W s wall}.
 */
public final class WarmRounds {

    private WarmRounds() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String job = args[1];
        for (int round = 1; round <= rounds; round++) {
            List<String> roundArgs = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                roundArgs.add(args[i].replace("{round}", Integer.toString(round)));
            }
            long start = System.nanoTime();
            if (job.equals("enrich")) {
                int exit = PopsurveyCommandLine.execute(new EnrichCommand(), roundArgs.toArray(String[]::new));
                if (exit != 0) {
                    System.exit(exit);
                }
            } else {
                BaselineCopyJob.main(roundArgs.toArray(String[]::new));
            }
            System.out.printf("round %d: %.1f s wall%n", round, (System.nanoTime() - start) / 1e9);
        }
        System.exit(0);
    }
}
