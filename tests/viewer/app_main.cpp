// Catch2's main for the Qt tests: one QGuiApplication for the whole run, on Qt's offscreen platform
// unless the caller chose one (the end-to-end test runs the real viewer under Xvfb instead).
#define CATCH_CONFIG_RUNNER
#include <QGuiApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qt_argc = 1;
    QGuiApplication app(qt_argc, argv);
    return Catch::Session().run(argc, argv);
}
