#include "metrics.hpp"

#include <nlohmann/json.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>

namespace estrade::qa {

void Histogram::observe(double seconds)
{
    const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
    ++counts[static_cast<std::size_t>(bucket)];
    sum += seconds;
}

namespace {

void add_histogram(prometheus::Registry& registry, const char* name, const char* help, const Histogram& h)
{
    auto& family = prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
    auto& histogram = family.Add({}, prometheus::Histogram::BucketBoundaries(h.bounds.begin(), h.bounds.end()));
    histogram.ObserveMultiple(std::vector<double>(h.counts.begin(), h.counts.end()), h.sum);
}

}  // namespace

std::string broker_prometheus(const BrokerStats& stats)
{
    prometheus::Registry registry;
    auto& questions = prometheus::BuildGauge().Name("estrade_qa_questions").Help("Questions by state").Register(registry);
    for (const auto& [state, count] : stats.questions_by_state)
        questions.Add({{"state", state}}).Set(static_cast<double>(count));
    auto& sites = prometheus::BuildGauge().Name("estrade_qa_sites").Help("Sites in the event file").Register(registry);
    sites.Add({}).Set(static_cast<double>(stats.sites));
    auto& heard = prometheus::BuildGauge().Name("estrade_qa_sites_heard").Help("Sites heard from in the last 10 s").Register(registry);
    heard.Add({}).Set(static_cast<double>(stats.sites_heard));
    auto& seq = prometheus::BuildGauge().Name("estrade_qa_update_seq").Help("Number of the last published update").Register(registry);
    seq.Add({}).Set(static_cast<double>(stats.seq));
    auto& polls = prometheus::BuildGauge().Name("estrade_qa_polls_open").Help("Shows of hands open").Register(registry);
    polls.Add({}).Set(static_cast<double>(stats.polls_open));
    auto& requests = prometheus::BuildCounter().Name("estrade_qa_requests_total").Help("Requests by command and outcome").Register(registry);
    for (const auto& [key, count] : stats.requests) {
        const auto space = key.find(' ');
        requests.Add({{"command", key.substr(0, space)}, {"outcome", key.substr(space + 1)}}).Increment(static_cast<double>(count));
    }
    auto& failures = prometheus::BuildCounter().Name("estrade_qa_storage_failures_total").Help("Batches the database refused").Register(registry);
    failures.Add({}).Increment(static_cast<double>(stats.storage_failures));
    add_histogram(registry, "estrade_qa_request_seconds", "From a request's arrival to its reply (commit included)",
                  stats.request_seconds);
    add_histogram(registry, "estrade_qa_commit_seconds", "Writing a batch to SQLite (synchronous=FULL)", stats.commit_seconds);
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, registry.Collect());
    return out.str();
}

MetricsServer::MetricsServer(const config::HostPort& listen, std::function<BrokerStats()> source)
    : m_endpoint(listen.host, listen.port,
                 {{"/metrics", [source] { return service::prometheus_reply(broker_prometheus(source())); }},
                  // 200 while the broker's loop turns (it refreshes these numbers every second), 503 after 5 s.
                  {"/health",
                   [source] {
                       const auto stats = source();
                       return service::loop_health(stats.refreshed,
                                                   {{"sites_heard", stats.sites_heard}, {"seq", stats.seq}});
                   }}},
                 "the broker's metrics")
{
}

}  // namespace estrade::qa
