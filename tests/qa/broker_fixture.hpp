#pragma once
// A real broker on loopback (ports picked by the OS) in a thread of the test, with real CurveZMQ keys
// and a real SQLite file in a temp folder.

#include "qa/broker.hpp"
#include "qa/connection.hpp"
#include "qa/site_client.hpp"

#include "support/temp_dir.hpp"

#include <cerrno>
#include <chrono>
#include <thread>

namespace estrade::testing {

inline const std::vector<std::string> fixture_sites{"ploufragan", "loudeac", "merdrignac", "brest-cobrem"};

class BrokerFixture {
public:
    explicit BrokerFixture(config::QaSettings::Security security = config::QaSettings::Security::curve,
                           int max_waiting_per_site = 20)
    {
        m_keys["broker"] = qa::generate_key_pair();
        m_keys["moderator"] = qa::generate_key_pair();
        for (const auto& site : fixture_sites)
            m_keys[site] = qa::generate_key_pair();
        options.listen = "tcp://127.0.0.1:*";
        options.publish = "tcp://127.0.0.1:*";
        options.database = dir.path() / "questions.sqlite";
        options.auth.security = security;
        options.auth.server = m_keys["broker"];
        for (const auto& [who, pair] : m_keys) {
            if (who == "broker")
                continue;
            options.auth.public_keys[pair.public_key] = who;
            options.auth.passwords[who] = who + "-password";
        }
        options.rules = {fixture_sites, 3, max_waiting_per_site};
        options.poll_rules.seats = {{"ploufragan", 45}, {"loudeac", 20}, {"merdrignac", 2}, {"brest-cobrem", 12}};
        options.poll_rules.host_site = "ploufragan";
        options.talks = {{"Claire Le Bihan", "Gardienne de la paix", "Police nationale", "Une journée en commissariat"},
                         {"Yann Guéguen", "Gendarme", "Gendarmerie nationale", "La brigade"},
                         {"Nolwenn Prigent", "Douanière", "Douane", "Les frontières"}};
        options.heartbeat = std::chrono::milliseconds(200);
        start();
    }
    ~BrokerFixture() { stop(); }

    void start()
    {
        // ZeroMQ closes a socket's listener in its I/O thread, after close() returns: a restart on the
        // same port in the same context can find it still bound for a moment (seen in CI). A restarted
        // server process does not meet this; the fixture waits for the port like an init system would.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        for (;;) {
            try {
                m_broker = std::make_unique<qa::Broker>(context, options);
                break;
            } catch (const zmq::error_t& error) {
                if (error.num() != EADDRINUSE || std::chrono::steady_clock::now() > deadline)
                    throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        request_endpoint = m_broker->request_endpoint();
        publish_endpoint = m_broker->publish_endpoint();
        // Restarts reuse the same ports, as a restarted server would.
        options.listen = request_endpoint;
        options.publish = publish_endpoint;
        m_stop = false;
        m_thread = std::thread([this] { m_broker->run(m_stop); });
    }

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        m_broker.reset();
    }

    qa::ClientAuth auth(const std::string& who) const
    {
        qa::ClientAuth auth;
        auth.security = options.auth.security;
        auth.server_public_key = m_keys.at("broker").public_key;
        auth.own = m_keys.count(who) ? m_keys.at(who) : qa::generate_key_pair();
        auth.user = who;
        auth.password = who + "-password";
        return auth;
    }

    std::unique_ptr<qa::QaConnection> connect(const std::string& who)
    {
        return std::make_unique<qa::QaConnection>(context, request_endpoint, auth(who));
    }

    TempDir dir;
    qa::BrokerOptions options;
    zmq::context_t context;
    std::string request_endpoint;
    std::string publish_endpoint;

private:
    std::map<std::string, qa::KeyPair> m_keys;
    std::unique_ptr<qa::Broker> m_broker;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Polls a replica until the condition holds or two seconds pass.
template <typename Condition>
bool eventually(qa::Replica& replica, Condition condition)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        replica.poll(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace estrade::testing
