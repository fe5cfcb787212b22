#pragma once
// Reading values out of a parsed TOML document (toml++) with every problem remembered as file:line:
// message — shared by the event file and the join file loaders. Internal to config/.

#include "event_file.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <optional>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace estrade::config::detail {

using Keys = std::span<const std::string_view>;

inline int line_of(const toml::node& node)
{
    return static_cast<int>(node.source().begin.line);
}

inline std::string_view type_phrase(toml::node_type type)
{
    switch (type) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a decimal point";
    case toml::node_type::boolean: return "true or false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date and time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

inline std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

inline std::string in_quotes(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

enum class Need { required, optional };

// Reads values out of the parsed document, checking types and remembering every problem.
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    void error(int line, std::string message) { m_errors.push_back({m_file, line, std::move(message)}); }
    EventFileErrors take_errors() { return std::move(m_errors); }
    bool ok() const { return m_errors.empty(); }

    void check_keys(const toml::table& table, std::string_view scope, Keys allowed)
    {
        for (auto&& [key, node] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end())
                continue;
            std::string message = std::string(scope) + ": unknown key " + in_quotes(key.str());
            if (auto hint = closest(key.str(), allowed))
                message += " (did you mean " + in_quotes(*hint) + "?)";
            else
                message += " (expected one of: " + join(allowed) + ")";
            error(line_of(node), std::move(message));
        }
    }

    // Fills `out` when the key is there with the right type; leaves the default otherwise.
    // Returns the line of the value, or of the table when the key is absent.
    int read(const toml::table& table, std::string_view scope, std::string_view key, std::string& out, Need need)
    {
        return read_as<std::string>(table, scope, key, out, need, "a string");
    }
    int read(const toml::table& table, std::string_view scope, std::string_view key, int& out, Need need)
    {
        std::int64_t value = out;
        const int line = read_as<std::int64_t>(table, scope, key, value, need, "an integer");
        if (value < INT32_MIN || value > INT32_MAX)
            error(line, std::string(scope) + ": " + std::string(key) + " is out of range");
        else
            out = static_cast<int>(value);
        return line;
    }

    int read(const toml::table& table, std::string_view scope, std::string_view key, bool& out, Need need)
    {
        return read_as<bool>(table, scope, key, out, need, "true or false");
    }

    const toml::table* table(const toml::table& root, std::string_view key, Need need)
    {
        const toml::node* node = root.get(key);
        if (!node) {
            if (need == Need::required)
                error(1, "[" + std::string(key) + "] is missing: every event file needs one");
            return nullptr;
        }
        if (!node->is_table()) {
            error(line_of(*node),
                  std::string(key) + " must be a table ([" + std::string(key) + "]), got " +
                      std::string(type_phrase(node->type())));
            return nullptr;
        }
        return node->as_table();
    }

    // The entries of an array of tables ([[key]]), each checked to be a table.
    std::vector<const toml::table*> array_of_tables(const toml::table& root, std::string_view key)
    {
        std::vector<const toml::table*> tables;
        const toml::node* node = root.get(key);
        if (!node)
            return tables;
        const toml::array* array = node->as_array();
        if (!array) {
            error(line_of(*node), std::string(key) + " must be written as [[" + std::string(key) + "]] tables");
            return tables;
        }
        for (const toml::node& entry : *array) {
            if (const toml::table* t = entry.as_table())
                tables.push_back(t);
            else
                error(line_of(entry), std::string(key) + " must be written as [[" + std::string(key) + "]] tables");
        }
        return tables;
    }

private:
    template <typename T>
    int read_as(const toml::table& table, std::string_view scope, std::string_view key, T& out, Need need,
                std::string_view expected)
    {
        const toml::node* node = table.get(key);
        if (!node) {
            if (need == Need::required)
                error(line_of(table), std::string(scope) + ": " + std::string(key) + " is missing");
            return line_of(table);
        }
        if (auto value = node->value_exact<T>())
            out = *value;
        else
            error(line_of(*node), std::string(scope) + ": " + std::string(key) + " must be " + std::string(expected) +
                                      ", got " + std::string(type_phrase(node->type())));
        return line_of(*node);
    }

    static std::optional<std::string> closest(std::string_view key, Keys allowed)
    {
        std::optional<std::string> best;
        std::size_t best_distance = 3;  // further than two edits is not a typo
        for (auto candidate : allowed) {
            const auto d = edit_distance(key, candidate);
            if (d < best_distance) {
                best_distance = d;
                best = std::string(candidate);
            }
        }
        return best;
    }

    static std::string join(Keys keys)
    {
        std::string out;
        for (auto k : keys)
            out += (out.empty() ? "" : ", ") + std::string(k);
        return out;
    }

    std::string m_file;
    EventFileErrors m_errors;
};

// The document, or nothing after telling the reader the line of the syntax error.
inline std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, Reader& reader)
{
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        reader.error(static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
        return std::nullopt;
    }
}

// The same from text already in memory (the fuzzers; `name` is what errors call the file).
inline std::optional<toml::table> parse_toml_text(std::string_view text, const std::string& name, Reader& reader)
{
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        reader.error(static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
        return std::nullopt;
    }
}

}  // namespace estrade::config::detail
