package org.popsurvey.producer;

import java.util.List;

/** One CSV record of the input: the cells' exact text and the line it starts on (header = line 1). */
public record CsvLine(long lineNumber, List<String> cells) {}
