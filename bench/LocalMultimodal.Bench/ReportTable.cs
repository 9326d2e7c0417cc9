using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench;

/// <summary>Prints the report's figures as plain-text tables, with the targets of issue 5 beside them.</summary>
internal static class ReportTable
{
    public static void Print(JsonObject report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"{report["threads"]} threads, median of {report["runs"]} runs after a warm-up, commit {report["commit"]}"));
        if (report["overhead"] is JsonObject overhead)
        {
            output.WriteLine();
            output.WriteLine("Single stream, image prompt, 128 tokens (decode tok/s):");
            output.WriteLine(Invariant($"  engine {overhead["engine_decode_tok_s"]}  raw {overhead["raw_decode_tok_s"]}  ttft engine {overhead["engine_ttft_ms"]} ms / raw {overhead["raw_ttft_ms"]} ms"));
            Target(output, "overhead.ratio", overhead["ratio"], ">=", 0.95);
        }

        if (report["concurrency"] is JsonObject concurrency)
        {
            output.WriteLine();
            output.WriteLine($"{"concurrent image requests",-26} {"tok/s",8} {"ttft p50",9} {"ttft p99",9} {"tpot p50",9}");
            foreach (var (name, value) in concurrency)
            {
                if (value is JsonObject row && row["aggregate_tok_s"] is not null)
                {
                    output.WriteLine(Invariant($"{name,-26} {row["aggregate_tok_s"],8} {row["ttft_p50_ms"],9} {row["ttft_p99_ms"],9} {row["tpot_p50_ms"] ?? "-",9}"));
                }
            }

            Target(output, "concurrency.n8.vs_llamasharp", concurrency["n8"]?["vs_llamasharp"], ">=", 2.5);
            Target(output, "concurrency.n8.vs_raw", concurrency["n8"]?["vs_raw"], ">=", 0.9);
        }

        if (report["concurrency_mrope"] is JsonObject mrope)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"8 image requests at once on the Qwen2-VL-shaped pair (tok/s): engine {mrope["n8"]?["aggregate_tok_s"]}  raw {mrope["raw_n8"]?["aggregate_tok_s"]}  same tokens {mrope["same_tokens_requests"]}/{mrope["requests_compared"]}, median of the runs' own ratios {mrope["n8"]?["vs_raw_paired"]}"));
            Target(output, "concurrency_mrope.n8.vs_raw", mrope["n8"]?["vs_raw"], ">=", 0.9);
        }

        if (report["server"] is JsonObject server)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Through the HTTP server / in process: ttft {server["server_ttft_ms"]} / {server["in_process_ttft_ms"]} ms, N=8 {server["server_n8_tok_s"]} / {server["in_process_n8_tok_s"]} tok/s"));
            Target(output, "server.ttft_ratio", server["ttft_ratio"], "<=", 1.1);
            Target(output, "server.n8_throughput_ratio", server["n8_throughput_ratio"], ">=", 0.95);
        }

        if (report["cache"] is JsonObject cache)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Repeated image by uuid: ttft {cache["first_ttft_ms"]} ms, then {cache["repeat_ttft_ms"]} ms; same output: {cache["same_output"]}"));
            Target(output, "cache.repeat_ttft_ratio", cache["repeat_ttft_ratio"], "<=", 0.2);
        }

        if (report["agent"] is JsonObject agent)
        {
            output.WriteLine();
            output.WriteLine("Agent loop, prompt / cached tokens per turn: " + string.Join("  ", (agent["turns"] as JsonArray ?? []).Select(t => Invariant($"{t!["prompt_tokens"]}/{t["cached_prompt_tokens"]}"))));
            Target(output, "agent.prefix_reuse", agent["prefix_reuse"], ">=", 0.9);
        }

        if (report["memory"] is JsonObject memory)
        {
            output.WriteLine();
            output.WriteLine("Peak RSS (MiB): " + string.Join("  ", memory.Select(p => Invariant($"{p.Key} {p.Value}"))));
        }

        if (report["prompt_cost"] is JsonArray costs)
        {
            output.WriteLine();
            output.WriteLine("Prompt cost on the tiny fixtures (ms; 20 output tokens):");
            output.WriteLine($"{"modality",-8} {"load",8} {"encode",8} {"prefill",8} {"20 tok",8} {"request",8} {"RSS MiB",8}");
            foreach (var c in costs.OfType<JsonObject>())
            {
                output.WriteLine(Invariant(
                    $"{c["Modality"],-8} {N(c["LoadMs"]),8:F1} {N(c["EncodeMs"]),8:F1} {N(c["PrefillMs"]),8:F1} {N(c["Decode20Ms"]),8:F1} {N(c["RequestMs"]),8:F1} {N(c["PeakRssMiB"]),8:F1}"));
            }
        }

        output.WriteLine();
    }

    private static void Target(TextWriter output, string key, JsonNode? value, string relation, double target)
    {
        double figure = N(value);
        bool met = relation == ">=" ? figure >= target : figure <= target;
        output.WriteLine(Invariant($"  {key} = {figure} (target {relation} {target}: {(met ? "met" : "NOT met")})"));
    }

    private static double N(JsonNode? node) => node?.GetValue<double>() ?? double.NaN;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
