package org.popsurvey.producer;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.popsurvey.cli.PopsurveyCommandLine;
import picocli.CommandLine;

/** Runs {@code produce} in-process exactly as the launcher would, capturing its output. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun produce(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PopsurveyCommandLine.create(new ProduceCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
