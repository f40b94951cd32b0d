from nhskg.cli import main

main()
