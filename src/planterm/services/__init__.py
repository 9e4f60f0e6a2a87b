"""One function per thing a coordinator does; each call is one transaction.

The command line and the UI call these and nothing lower. They take a
`Store`, plain values and `today`, and return frozen views.
"""
