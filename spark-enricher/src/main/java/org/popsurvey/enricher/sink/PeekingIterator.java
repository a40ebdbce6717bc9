package org.popsurvey.enricher.sink;

import java.util.Iterator;
import java.util.function.Consumer;

/** A write task's rows passed on unchanged, with an action run on each as it goes by ({@code Stream.peek}). */
final class PeekingIterator<T> implements Iterator<T> {

    private final Iterator<T> rows;
    private final Consumer<T> action;

    PeekingIterator(Iterator<T> rows, Consumer<T> action) {
        this.rows = rows;
        this.action = action;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public T next() {
        T row = rows.next();
        action.accept(row);
        return row;
    }
}
