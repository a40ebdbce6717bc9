package org.popsurvey.enricher.census;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.census.Summation.Summed;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.output.ReliabilityColumns;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.enricher.reference.ReferenceMeasure.CoverageType;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.enricher.sink.StateMetrics;
import org.popsurvey.schemas.output.OutputTables;

/**
 * The city-wide tables of {@code metrics/}, recomputed after each micro-batch so that they equal a
 * computation over the whole neighborhoods table. Every sum is taken over the neighborhoods where
 * the summed estimate is known (the others are counted as excluded); every ratio or proportion
 * divides sums taken over the neighborhoods where both parts are known. MOEs: {@link Summation}
 * for sums, {@link Moe} for the rest. The sums are kept per bucket file ({@link BucketSums}): the
 * buckets a batch rewrites are summed from the rows the sink writes ({@link CitySums}), the others
 * come from the last committed batch (after a start, from one pass over them); the rankings from
 * one sort of the whole table.
 */
public final class CityMetrics implements StateMetrics<CitySums> {

    public static final String CITY_TOTALS = OutputTables.CITY_TOTALS;
    public static final String POPULATION_BY_AGE_BAND = OutputTables.POPULATION_BY_AGE_BAND;
    public static final String HOUSEHOLD_INCOME = OutputTables.HOUSEHOLD_INCOME;
    public static final String COVERAGE_BY_TYPE = OutputTables.COVERAGE_BY_TYPE;
    public static final String NEIGHBORHOOD_RANKINGS = OutputTables.NEIGHBORHOOD_RANKINGS;

    private final int buckets;
    /** The sums of every published bucket, as of the last committed batch; null until one is. */
    private BucketSums committed;
    /** The sums of the batch being published, adopted when the sink says it committed. */
    private BucketSums staged;

    /** @param buckets the output's bucket count ({@code --buckets}) */
    public CityMetrics(int buckets) {
        this.buckets = buckets;
    }

    @Override
    public CitySums tap(StructType schema) {
        return new CitySums(schema, buckets);
    }

    /** Every metric table by name, for batch {@code batchId}. */
    @Override
    public Map<String, Dataset<Row>> tables(
            CitySums written, Optional<Dataset<Row>> untouched, Dataset<Row> neighborhoods, long batchId) {
        SparkSession spark = neighborhoods.sparkSession();
        Timestamp computedAt = Timestamp.from(Instant.now());
        // Until this job has committed a batch (after a start), the untouched buckets are summed from their files.
        BucketSums byBucket = committed != null
                ? committed.copy()
                : untouched
                        .map(this::sumByBucket)
                        .orElseGet(() -> written.value().emptyCopy());
        staged = byBucket.replaceBuckets(written.value());
        Summation totals = staged.total();
        // The same registrations in the same order: the keys index any of these Summations.
        Keys keys = new Keys(new Summation(neighborhoods.schema()));
        MetricRows rows = new MetricRows(batchId, computedAt, totals.rows());

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(CITY_TOTALS, table(spark, cityTotals(totals, keys, rows), MetricSchemas.CITY_TOTALS));
        tables.put(
                POPULATION_BY_AGE_BAND,
                table(spark, ageBands(totals, keys, rows), MetricSchemas.POPULATION_BY_AGE_BAND));
        tables.put(HOUSEHOLD_INCOME, table(spark, householdIncome(totals, keys, rows), MetricSchemas.HOUSEHOLD_INCOME));
        tables.put(COVERAGE_BY_TYPE, table(spark, coverage(totals, keys, rows), MetricSchemas.COVERAGE_BY_TYPE));
        tables.put(NEIGHBORHOOD_RANKINGS, Rankings.of(neighborhoods, batchId, computedAt));
        return tables;
    }

    /** A table of {@code rows} (laid out as {@code base}) with the reliability of each estimate appended. */
    private static Dataset<Row> table(SparkSession spark, List<Row> rows, StructType base) {
        ReliabilityColumns reliability = ReliabilityColumns.appendedTo(base);
        return spark.createDataFrame(reliability.append(rows), reliability.schema());
    }

    @Override
    public void committed(long batchId) {
        committed = staged;
        staged = null;
    }

    /**
     * One pass, in Java, over the summed columns only: a SQL aggregate of ~700 expressions costs more
     * to plan than to run. Internal rows, not Row objects: converting ~100 columns of every
     * neighborhood to boxed values cost more than the sums themselves.
     */
    private BucketSums sumByBucket(Dataset<Row> neighborhoods) {
        Dataset<Row> summed = neighborhoods.select(summedColumns());
        return summed.queryExecution()
                .toRdd()
                .toJavaRDD()
                .aggregate(CitySums.byBucket(summed.schema(), buckets), BucketSums::add, BucketSums::merge);
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
            result.add(RowFactory.create(
                    band.suffix(),
                    band.ordinal() + 1,
                    asLong(population.estimate()),
                    population.moe(),
                    Moe.ratio(shareNum.estimate(), shareDen.estimate()),
                    Moe.proportionMoe(shareNum.estimate(), shareDen.estimate(), shareNum.moe(), shareDen.moe()),
                    asLong(uninsured.estimate()),
                    uninsured.moe(),
                    Moe.ratio(rateNum.estimate(), rateDen.estimate()),
                    Moe.proportionMoe(rateNum.estimate(), rateDen.estimate(), rateNum.moe(), rateDen.moe()),
                    population.included(),
                    rows.batchId(),
                    rows.computedAt()));
        }
        return result;
    }

    private static List<Row> householdIncome(Summation totals, Keys keys, MetricRows rows) {
        Summed income = totals.read(keys.incomeOverHouseholds.numerator());
        Summed households = totals.read(keys.incomeOverHouseholds.denominator());
        Summed perCapitaIncome = totals.read(keys.incomeOverPopulation.numerator());
        Summed population = totals.read(keys.incomeOverPopulation.denominator());
        List<String> excluded = totals.excludedFromIncome();
        return List.of(RowFactory.create(
                income.included(),
                rows.total() - income.included(),
                scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(excluded))
                        .toSeq(),
                asLong(income.estimate()),
                income.moe(),
                asLong(households.estimate()),
                households.moe(),
                Moe.ratio(income.estimate(), households.estimate()),
                Moe.ratioMoe(income.estimate(), households.estimate(), income.moe(), households.moe()),
                asLong(population.estimate()),
                population.moe(),
                Moe.ratio(perCapitaIncome.estimate(), population.estimate()),
                Moe.ratioMoe(
                        perCapitaIncome.estimate(), population.estimate(), perCapitaIncome.moe(), population.moe()),
                rows.batchId(),
                rows.computedAt()));
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
                result.add(RowFactory.create(
                        band.suffix(),
                        type.prefix(),
                        asLong(people.estimate()),
                        people.moe(),
                        Moe.ratio(num.estimate(), den.estimate()),
                        Moe.proportionMoe(num.estimate(), den.estimate(), num.moe(), den.moe()),
                        people.included(),
                        rows.batchId(),
                        rows.computedAt()));
            }
        }
        return result;
    }

    /** Sums of whole numbers, computed in double: exact below 2^53, far above any city's total. */
    private static Long asLong(Double sum) {
        return sum == null ? null : Math.round(sum);
    }

    private static Column[] summedColumns() {
        List<Column> columns =
                new ArrayList<>(List.of(col(NeighborhoodTable.NEIGHBORHOOD_ID), col(NeighborhoodTable.NEIGHBORHOOD)));
        List<String> measures = new ArrayList<>(List.of(NeighborhoodTable.POPULATION, ReferenceProfile.UNINSURED));
        ReferenceMeasure.ALL.forEach(measure -> measures.add(measure.column()));
        for (String measure : measures) {
            columns.add(col(measure));
            columns.add(moe(measure));
        }
        return columns.toArray(Column[]::new);
    }

    static String unit(String metric) {
        if (metric.equals(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME)) {
            return "dollars";
        }
        return metric.startsWith("households") ? "households" : "people";
    }

    /** The shared columns of every metric row. */
    record MetricRows(long batchId, Timestamp computedAt, long total) {
        Row total(String metric, String unit, Double estimate, Double moe, long included) {
            return RowFactory.create(metric, unit, estimate, moe, included, total - included, batchId, computedAt);
        }
    }

    static Column moe(String column) {
        return col(column + ReferenceMeasure.MOE_SUFFIX);
    }
}
