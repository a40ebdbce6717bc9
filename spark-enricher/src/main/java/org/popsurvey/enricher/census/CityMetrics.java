package org.popsurvey.enricher.census;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.census.Summation.Summed;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.output.OutputColumn;
import org.popsurvey.enricher.output.ReliabilityColumns;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.enricher.reference.ReferenceMeasure.CoverageType;
import org.popsurvey.enricher.sink.DriverParquetWriter.Table;
import org.popsurvey.enricher.sink.StateMetrics;
import org.popsurvey.enricher.sink.StateMetrics.Tables;
import org.popsurvey.schemas.output.OutputTables;

/**
 * The city-wide tables of {@code metrics/}, recomputed after each micro-batch so that they equal a
 * computation over the whole neighborhoods table. Every sum is taken over the neighborhoods where
 * the summed estimate is known (the others are counted as excluded); every ratio or proportion
 * divides sums taken over the neighborhoods where both parts are known. MOEs: {@link Summation}
 * for sums, {@link Moe} for the rest. The sums and the ranked values are kept per bucket file
 * ({@link BucketState}): those of the buckets a batch rewrites are taken from the rows the sink
 * writes ({@link BucketStateTap}), the others come from the last committed batch (after a start,
 * from one pass over them). The tables are built on the driver, from that state alone.
 */
public final class CityMetrics implements StateMetrics<BucketStateTap> {

    public static final String CITY_TOTALS = OutputTables.CITY_TOTALS;
    public static final String POPULATION_BY_AGE_BAND = OutputTables.POPULATION_BY_AGE_BAND;
    public static final String HOUSEHOLD_INCOME = OutputTables.HOUSEHOLD_INCOME;
    public static final String COVERAGE_BY_TYPE = OutputTables.COVERAGE_BY_TYPE;
    public static final String NEIGHBORHOOD_RANKINGS = OutputTables.NEIGHBORHOOD_RANKINGS;

    /**
     * Above this many neighborhoods a stream publishes the rankings just after their batch
     * ({@code StateMetrics.Tables#trailing}): five rows per neighborhood, about 0.4 s of writing
     * at 50,000 and 7 s at a million on 2 cores, which would hold every micro-batch up.
     */
    public static final long RANKINGS_TRAIL_ABOVE = 50_000;
    /** For {@code rankingsTrailAbove}: the rankings are always published with their batch (a backfill). */
    public static final long RANKINGS_NEVER_TRAIL = Long.MAX_VALUE;

    private final int buckets;
    private final long rankingsTrailAbove;
    /** The state of every published bucket, as of the last committed batch; null until one is. */
    private BucketState committed;
    /** The state of the batch being published, adopted when the sink says it committed. */
    private BucketState staged;

    /**
     * @param buckets the output's bucket count ({@code --buckets})
     * @param rankingsTrailAbove the table size above which the rankings trail their batch:
     *     {@link #RANKINGS_TRAIL_ABOVE} for a stream, {@link #RANKINGS_NEVER_TRAIL} for a backfill
     */
    public CityMetrics(int buckets, long rankingsTrailAbove) {
        this.buckets = buckets;
        this.rankingsTrailAbove = rankingsTrailAbove;
    }

    @Override
    public BucketStateTap tap(StructType schema) {
        return new BucketStateTap(schema, buckets);
    }

    /** Every metric table by name, for batch {@code batchId}. */
    @Override
    public Tables tables(BucketStateTap written, Supplier<Optional<Dataset<Row>>> untouched, long batchId) {
        Timestamp computedAt = Timestamp.from(Instant.now());
        // Until this job has committed a batch (after a start), the untouched buckets are read from their files.
        BucketState byBucket = committed != null
                ? committed.copy()
                : untouched
                        .get()
                        .map(this::stateByBucket)
                        .orElseGet(() -> written.value().emptyCopy());
        staged = byBucket.replaceBuckets(written.value());
        Summation totals = staged.total();
        // The same registrations in the same order: the keys index any of these Summations.
        Keys keys = new Keys(new Summation(NeighborhoodTable.SCHEMA));
        MetricRows rows = new MetricRows(batchId, computedAt, totals.rows());

        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(CITY_TOTALS, table(cityTotals(totals, keys, rows), MetricSchemas.CITY_TOTALS));
        tables.put(POPULATION_BY_AGE_BAND, table(ageBands(totals, keys, rows), MetricSchemas.POPULATION_BY_AGE_BAND));
        tables.put(HOUSEHOLD_INCOME, table(householdIncome(totals, keys, rows), MetricSchemas.HOUSEHOLD_INCOME));
        tables.put(COVERAGE_BY_TYPE, table(coverage(totals, keys, rows), MetricSchemas.COVERAGE_BY_TYPE));
        Map<String, Table> rankings = Map.of(NEIGHBORHOOD_RANKINGS, Rankings.of(staged, batchId, computedAt));
        if (totals.rows() > rankingsTrailAbove) {
            return new Tables(tables, rankings);
        }
        tables.putAll(rankings);
        return new Tables(tables, Map.of());
    }

    /** A table of {@code rows} (laid out as {@code base}) with the reliability of each estimate appended. */
    private static Table table(List<Row> rows, StructType base) {
        ReliabilityColumns reliability = ReliabilityColumns.appendedTo(base);
        return Table.of(reliability.schema(), reliability.append(rows));
    }

    @Override
    public void committed(long batchId) {
        committed = staged;
        staged = null;
    }

    /**
     * One pass, in Java, over the summed and ranked columns only: a SQL aggregate of ~700
     * expressions costs more to plan than to run. Internal rows, not Row objects: converting ~100
     * columns of every neighborhood to boxed values cost more than the sums themselves.
     */
    private BucketState stateByBucket(Dataset<Row> neighborhoods) {
        Dataset<Row> read = neighborhoods.select(stateColumns());
        return read.queryExecution()
                .toRdd()
                .toJavaRDD()
                .aggregate(BucketStateTap.byBucket(read.schema(), buckets), BucketState::add, BucketState::merge);
    }

    private static List<Row> cityTotals(Summation totals, Keys keys, MetricRows rows) {
        List<Row> result = new ArrayList<>();
        for (Map.Entry<String, Integer> sum : keys.citySums.entrySet()) {
            Summed summed = totals.read(sum.getValue());
            result.add(
                    rows.total(sum.getKey(), unit(sum.getKey()), summed.estimate(), summed.moe(), summed.included()));
        }
        for (Keys.Fraction fraction : keys.cityFractions) {
            Summed num = totals.read(fraction.numerator());
            Summed den = totals.read(fraction.denominator());
            Double moe = fraction.proportion()
                    ? Moe.proportionMoe(num.estimate(), den.estimate(), num.moe(), den.moe())
                    : Moe.ratioMoe(num.estimate(), den.estimate(), num.moe(), den.moe());
            result.add(rows.total(
                    fraction.name(), fraction.unit(), Moe.ratio(num.estimate(), den.estimate()), moe, num.included()));
        }
        return result;
    }

    private static List<Row> ageBands(Summation totals, Keys keys, MetricRows rows) {
        List<Row> result = new ArrayList<>();
        for (AgeBand band : AgeBand.values()) {
            Summed population = totals.read(keys.sumKey(band.populationColumn()));
            Summed uninsured = totals.read(keys.sumKey(band.uninsuredColumn()));
            Keys.Fraction share = keys.bandShares.get(band);
            Summed shareNum = totals.read(share.numerator());
            Summed shareDen = totals.read(share.denominator());
            Keys.Fraction rate = keys.bandUninsuredRates.get(band);
            Summed rateNum = totals.read(rate.numerator());
            Summed rateDen = totals.read(rate.denominator());
            result.add(rows.stamped(MetricSchemas.POPULATION_BY_AGE_BAND)
                    .set(MetricSchemas.AGE_BAND, band.suffix())
                    .set(MetricSchemas.BAND_ORDER, band.ordinal() + 1)
                    .set(MetricSchemas.POPULATION, asLong(population.estimate()))
                    .set(MetricSchemas.moe(MetricSchemas.POPULATION), population.moe())
                    .set(MetricSchemas.SHARE_OF_POPULATION, Moe.ratio(shareNum.estimate(), shareDen.estimate()))
                    .set(
                            MetricSchemas.moe(MetricSchemas.SHARE_OF_POPULATION),
                            Moe.proportionMoe(shareNum.estimate(), shareDen.estimate(), shareNum.moe(), shareDen.moe()))
                    .set(MetricSchemas.UNINSURED, asLong(uninsured.estimate()))
                    .set(MetricSchemas.moe(MetricSchemas.UNINSURED), uninsured.moe())
                    .set(MetricSchemas.UNINSURED_RATE, Moe.ratio(rateNum.estimate(), rateDen.estimate()))
                    .set(
                            MetricSchemas.moe(MetricSchemas.UNINSURED_RATE),
                            Moe.proportionMoe(rateNum.estimate(), rateDen.estimate(), rateNum.moe(), rateDen.moe()))
                    .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, population.included())
                    .build());
        }
        return result;
    }

    private static List<Row> householdIncome(Summation totals, Keys keys, MetricRows rows) {
        Summed income = totals.read(keys.incomeOverHouseholds.numerator());
        Summed households = totals.read(keys.incomeOverHouseholds.denominator());
        Summed perCapitaIncome = totals.read(keys.incomeOverPopulation.numerator());
        Summed population = totals.read(keys.incomeOverPopulation.denominator());
        List<String> excluded = totals.excludedFromIncome();
        return List.of(rows.stamped(MetricSchemas.HOUSEHOLD_INCOME)
                .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, income.included())
                .set(MetricSchemas.NEIGHBORHOODS_EXCLUDED, rows.total() - income.included())
                .set(
                        MetricSchemas.EXCLUDED_NEIGHBORHOODS,
                        scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(excluded))
                                .toSeq())
                .set(MetricSchemas.AGGREGATE_HOUSEHOLD_INCOME, asLong(income.estimate()))
                .set(MetricSchemas.moe(MetricSchemas.AGGREGATE_HOUSEHOLD_INCOME), income.moe())
                .set(MetricSchemas.HOUSEHOLDS, asLong(households.estimate()))
                .set(MetricSchemas.moe(MetricSchemas.HOUSEHOLDS), households.moe())
                .set(MetricSchemas.MEAN_HOUSEHOLD_INCOME, Moe.ratio(income.estimate(), households.estimate()))
                .set(
                        MetricSchemas.moe(MetricSchemas.MEAN_HOUSEHOLD_INCOME),
                        Moe.ratioMoe(income.estimate(), households.estimate(), income.moe(), households.moe()))
                .set(MetricSchemas.POPULATION, asLong(population.estimate()))
                .set(MetricSchemas.moe(MetricSchemas.POPULATION), population.moe())
                .set(MetricSchemas.PER_CAPITA_INCOME, Moe.ratio(perCapitaIncome.estimate(), population.estimate()))
                .set(
                        MetricSchemas.moe(MetricSchemas.PER_CAPITA_INCOME),
                        Moe.ratioMoe(
                                perCapitaIncome.estimate(),
                                population.estimate(),
                                perCapitaIncome.moe(),
                                population.moe()))
                .build());
    }

    private static List<Row> coverage(Summation totals, Keys keys, MetricRows rows) {
        List<Row> result = new ArrayList<>();
        for (AgeBand band : AgeBand.values()) {
            for (CoverageType type : CoverageType.values()) {
                if (!type.publishedFor(band)) {
                    continue;
                }
                Summed people = totals.read(keys.sumKey(type.column(band)));
                Keys.Fraction share = keys.coverageShares.get(type.column(band));
                Summed num = totals.read(share.numerator());
                Summed den = totals.read(share.denominator());
                result.add(rows.stamped(MetricSchemas.COVERAGE_BY_TYPE)
                        .set(MetricSchemas.AGE_BAND, band.suffix())
                        .set(MetricSchemas.COVERAGE_TYPE, type.prefix())
                        .set(MetricSchemas.PEOPLE, asLong(people.estimate()))
                        .set(MetricSchemas.moe(MetricSchemas.PEOPLE), people.moe())
                        .set(MetricSchemas.SHARE_OF_AGE_BAND, Moe.ratio(num.estimate(), den.estimate()))
                        .set(
                                MetricSchemas.moe(MetricSchemas.SHARE_OF_AGE_BAND),
                                Moe.proportionMoe(num.estimate(), den.estimate(), num.moe(), den.moe()))
                        .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, people.included())
                        .build());
            }
        }
        return result;
    }

    /** Sums of whole numbers, computed in double: exact below 2^53, far above any city's total. */
    private static Long asLong(Double sum) {
        return sum == null ? null : Math.round(sum);
    }

    /** The Id, the name, and every summed or ranked estimate with its MOE, as declared. */
    private static Column[] stateColumns() {
        Set<String> columns =
                new LinkedHashSet<>(List.of(NeighborhoodTable.NEIGHBORHOOD_ID, NeighborhoodTable.NEIGHBORHOOD));
        for (OutputColumn summed : NeighborhoodTable.summed()) {
            columns.add(summed.name());
            columns.add(NeighborhoodTable.moe(summed.name()));
        }
        for (String ranked : Rankings.RANKED) {
            columns.add(ranked);
            columns.add(NeighborhoodTable.moe(ranked));
        }
        return columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** A summed estimate's unit, as {@link NeighborhoodTable#COLUMNS} declares it. */
    static String unit(String metric) {
        return NeighborhoodTable.column(metric).unit();
    }

    /** The shared columns of every metric row. */
    record MetricRows(long batchId, Timestamp computedAt, long total) {
        Row total(String metric, String unit, Double estimate, Double moe, long included) {
            return stamped(MetricSchemas.CITY_TOTALS)
                    .set(MetricSchemas.METRIC, metric)
                    .set(MetricSchemas.UNIT, unit)
                    .set(MetricSchemas.ESTIMATE, estimate)
                    .set(MetricSchemas.MOE, moe)
                    .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, included)
                    .set(MetricSchemas.NEIGHBORHOODS_EXCLUDED, total - included)
                    .build();
        }

        /** A row of {@code schema} with its batch stamps set. */
        MetricRow stamped(StructType schema) {
            return MetricRow.of(schema)
                    .set(MetricSchemas.ENRICHER_BATCH_ID, batchId)
                    .set(MetricSchemas.COMPUTED_AT, computedAt);
        }
    }
}
