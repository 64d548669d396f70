from partnerplan.cli import main

main()
