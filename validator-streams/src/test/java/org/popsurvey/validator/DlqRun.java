package org.popsurvey.validator;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.popsurvey.dlq.DlqCommand;
import picocli.CommandLine;

/** One run of {@code ./popsurvey dlq ...} in this JVM, with what it printed. */
record DlqRun(int exitCode, String out, String err) {

    static DlqRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DlqCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        System.out.println("$ dlq " + String.join(" ", args) + "\n" + out + err);
        return new DlqRun(exitCode, out.toString(), err.toString());
    }
}
